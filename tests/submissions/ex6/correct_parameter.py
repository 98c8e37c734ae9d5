import torch
import torch.nn as nn


def descend(fn, x0, lr, steps):
    """x as an nn.Parameter (a tensor that requires grad), the gradient dropped before each
    backward pass, the value read after it, the update through .data."""
    x = nn.Parameter(torch.tensor(float(x0)))
    values = []
    for _ in range(steps):
        x.grad = None
        loss = fn(x)
        loss.backward()
        values.append(loss.item())
        x.data.add_(x.grad, alpha=-lr)
    return x.item(), values


DIVERGING_LR = 1.5
