"""WRONG (values rounded): each value is stored as round(f.item(), 4), copying the 4 decimals of the book's printed table; the section's first values (25.0, 16.0, 10.24, 6.5536) survive, but small values lose more than the tolerance allows: descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 30)[1][-1] is 0.0001 instead of 5.986e-05 (and after 60 steps 1.0e-10 becomes 0.0)."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(round(f.item(), 4))
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
