"""WRONG: creates x with torch.tensor(x0, requires_grad=True) straight from the argument, so an int start makes an int64 tensor, which cannot require grad. Breaks the contract's "x0 and lr are Python numbers (an int such as 0 must work too)": descend(lambda x: (x - 5) ** 2, 0, 0.1, 20) raises RuntimeError "Only Tensors of floating point and complex dtype can require gradients" instead of returning x = 4.942354 (verified; 0.0 works).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(x0, requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return (x.item(), values)


DIVERGING_LR = 1.5
