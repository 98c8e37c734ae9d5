"""WRONG (int x0): x is built with torch.tensor(x0, requires_grad=True), which keeps Python's int type, so descend(lambda x: (x - 5) ** 2, 0, 0.1, 3) raises RuntimeError ("Only Tensors of floating point ... can require gradients") while 0.0 works."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(x0, requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        f.backward()
        values.append(f.item())
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
