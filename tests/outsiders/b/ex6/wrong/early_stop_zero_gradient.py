"""WRONG: stops the loop early once the gradient is exactly 0 ("already converged"), so fewer than `steps` values come back -- breaks "Returns the final x and the value of fn(x) before each step (steps Python floats)"; shows on descend(lambda x: (x - 5) ** 2, 5.0, 0.1, 10): returns 1 value instead of 10.
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        if x.grad.item() == 0.0:
            break
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
