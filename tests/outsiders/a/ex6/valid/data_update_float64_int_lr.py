"""VALID: x is held in float64, the update is written on x.data (not recorded in the graph), the gradient is cleared by setting x.grad = None, and DIVERGING_LR is the int 2 (an int is accepted where a float is named)."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        x.data = x.data - lr * x.grad.data
        x.grad = None
    return float(x), values


DIVERGING_LR = 2
