"""WRONG (dtype): x is held in bfloat16 "to save memory", whose 8-bit mantissa misses the tolerance: descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20)[0] is about 4.94 rounded to bfloat16 (4.9375 or so) instead of 4.942354, and the values drift from 25.0, 16.0, 10.24, ..."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), dtype=torch.bfloat16, requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
