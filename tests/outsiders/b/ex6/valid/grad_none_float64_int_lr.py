"""VALID: x is held in float64 ("ex6 may hold x in either dtype"), the gradient is cleared with x.grad = None instead of x.grad.zero_(), and DIVERGING_LR is the int 2 ("Where a float is named, an int of the same value is accepted").
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(float(value))
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad = None
    return float(x), values


DIVERGING_LR = 2
