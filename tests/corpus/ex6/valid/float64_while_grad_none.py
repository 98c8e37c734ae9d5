"""VALID: x is held in float64 (the contract allows either dtype), the loop is a while loop with a countdown, the gradient is cleared by setting x.grad = None, and the graph is switched on explicitly with torch.enable_grad() so a caller's no_grad() does not break it."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    values = []
    remaining = int(steps)
    while remaining > 0:
        with torch.enable_grad():
            value = fn(x)
        value.backward()
        values.append(float(value.detach()))
        with torch.no_grad():
            x -= lr * x.grad
        x.grad = None
        remaining -= 1
    return float(x.detach()), values


DIVERGING_LR = 2.5
