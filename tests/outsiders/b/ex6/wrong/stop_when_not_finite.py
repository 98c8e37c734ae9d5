"""WRONG: guards against divergence by breaking out of the loop as soon as fn(x) is inf or nan, so a diverging run returns fewer than `steps` values -- breaks "Returns the final x and the value of fn(x) before each step (steps Python floats)"; shows on descend(lambda x: (x - 5) ** 2, 0.0, 50.0, 50): returns 10 values instead of 50.
"""
import math

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        v = y.item()
        if not math.isfinite(v):
            break
        values.append(v)
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
