"""VALID: the loop is a generator that yields fn(x) before each step; descend drains it with list() and reads the final x from the tensor it keeps; the no-grad update is a helper decorated with @torch.no_grad()."""

import torch


@torch.no_grad()
def _step(x, lr):
    x.sub_(lr * x.grad)
    x.grad.zero_()


def _trajectory(fn, x, lr, steps):
    for _ in range(steps):
        f = fn(x)
        f.backward()
        yield f.item()
        _step(x, lr)


def descend(fn, x0, lr, steps):
    x = torch.zeros((), requires_grad=True)
    with torch.no_grad():
        x.fill_(x0)  # works for int and float x0 alike
    values = list(_trajectory(fn, x, lr, steps))
    return x.item(), values


DIVERGING_LR = 1.1
