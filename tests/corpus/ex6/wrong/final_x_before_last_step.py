"""WRONG (off by one step in the returned x): the x returned is the one at which the last value was computed, before the last update, so descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20) returns x = 4.92794 instead of 4.942354 (and descend(..., 1) returns 0.0 instead of 1.0)."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    last_x = float(x0)
    values = []
    for _ in range(steps):
        last_x = x.item()
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return last_x, values


DIVERGING_LR = 1.5
