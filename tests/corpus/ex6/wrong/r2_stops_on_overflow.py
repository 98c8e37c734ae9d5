"""WRONG (early stop on divergence): the loop breaks as soon as fn(x) is inf or nan ("it has diverged, no point going on"), so a diverging run returns fewer than steps values: descend(lambda x: (x - 5) ** 2, 0.0, 100.0, 50) returns 10 values ending in inf (and x = 2.45e21) instead of 50 values and x = nan."""

import math

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        if not math.isfinite(values[-1]):
            break
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
