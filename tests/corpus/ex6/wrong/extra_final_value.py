"""WRONG (steps + 1 values): after the loop the value at the final x is appended too, so descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 3) returns 4 values [25.0, 16.0, 10.24, 6.5536] and steps=0 returns [25.0] instead of []."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    with torch.no_grad():
        values.append(fn(x).item())  # the value we ended at
    return x.item(), values


DIVERGING_LR = 1.5
