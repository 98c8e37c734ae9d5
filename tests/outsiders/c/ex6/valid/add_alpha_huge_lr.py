"""VALID: x is a 0-dim float32 leaf built with torch.zeros(()) + requires_grad_ and filled with x0 under no_grad; each step records fn(x) before the update, backpropagates, and updates with x.add_(x.grad, alpha=-lr) under torch.no_grad() (x + (-lr) * grad, the same update), then x.grad.zero_(). DIVERGING_LR = 1e6: the distance is multiplied by (1 - 2e6) per step and overflows to inf/nan long before 50 steps, which the contract accepts ("or x has become inf or nan"); the loop keeps going through inf/nan without stopping.
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.zeros(()).requires_grad_()
    with torch.no_grad():
        x.fill_(float(x0))
    values = []
    for _ in range(int(steps)):
        out = fn(x)
        values.append(out.item())
        out.backward()
        with torch.no_grad():
            x.add_(x.grad, alpha=-lr)
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1e6
