"""VALID: instead of torch.no_grad(), the update is kept out of the graph by switching x's requires_grad off around the in-place x.sub_() and back on afterwards (x stays the same leaf); x0 and lr are coerced with float(), and DIVERGING_LR is a huge 1e3, at which x overflows to inf and then nan within 50 steps (the contract accepts inf or nan as diverged)."""

import torch


def descend(fn, x0, lr, steps):
    lr = float(lr)
    x = torch.tensor(float(x0)).requires_grad_(True)
    values = []
    for _ in range(int(steps)):
        value = fn(x)
        value.backward()
        values.append(value.item())
        x.requires_grad_(False)
        x.sub_(lr * x.grad)
        x.requires_grad_(True)
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1e3
