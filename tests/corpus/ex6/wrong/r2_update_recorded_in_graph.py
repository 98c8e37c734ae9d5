"""WRONG (update recorded in the graph): instead of updating x in place under torch.no_grad(), each step rebinds x = x - lr * x.grad and calls x.retain_grad(), so every new x is a non-leaf tensor whose graph chains back through all previous steps (each backward walks the whole history: time grows with steps squared, 2000 steps take seconds). The numbers are right, but fn is no longer given a leaf: descend(lambda x: (print(x.is_leaf, x.grad_fn) or (x - 5) ** 2), 0.0, 0.1, 3) prints True None, then False <SubBackward0 ...>."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        x = x - lr * x.grad  # new x for the next step
        x.retain_grad()
    return x.item(), values


DIVERGING_LR = 1.5
