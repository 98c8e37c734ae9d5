"""WRONG: descend turns on torch.set_flush_denormal(True) ("tiny gradients only slow the loop down") and never turns it off, so after one call torch.tensor(1e-40) * 1 is 0.0 everywhere in the process; breaks "Global state stays as found. ... calling a function leaves PyTorch's global settings as they were"."""

import torch


def descend(fn, x0, lr, steps):
    torch.set_flush_denormal(True)
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
