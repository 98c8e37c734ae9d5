"""WRONG: values holds detached 0-dim tensors (y.detach()) instead of Python floats -- breaks "Returns the final x and the value of fn(x) before each step (steps Python floats)" (stub: "values as a list of `steps` Python floats"); shows on descend(lambda x: (x - 5) ** 2, 0, 0.1, 3): values == [tensor(25.), tensor(16.), tensor(10.24)].
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.detach())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
