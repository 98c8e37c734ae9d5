"""WRONG (gradient clipping not in the contract): the gradient is clamped to [-10, 10] "for safety" before the update; the section's run never exceeds |10| so it matches, but descend(lambda x: x ** 2, 100.0, 0.1, 1) returns x = 99.0 instead of 80.0."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            g = x.grad.clamp(-10.0, 10.0)
            x -= lr * g
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
