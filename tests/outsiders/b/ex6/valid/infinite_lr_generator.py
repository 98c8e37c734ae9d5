"""VALID: DIVERGING_LR = math.inf (the contract counts a run whose x "has become inf or nan" as diverging: x goes to inf after one step and nan after two); the loop is a generator that yields each step's value, collected with list(); enable_grad() keeps it working even if called under no_grad.
"""
import math

import torch


def _run(fn, x, lr, steps):
    for _ in range(steps):
        y = fn(x)
        yield y.item()
        y.backward()
        with torch.no_grad():
            x.sub_(lr * x.grad)
        x.grad.zero_()


def descend(fn, x0, lr, steps):
    with torch.enable_grad():
        x = torch.tensor(float(x0), requires_grad=True)
        values = list(_run(fn, x, lr, steps))
    return x.item(), values


DIVERGING_LR = math.inf
