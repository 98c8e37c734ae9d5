"""WRONG (return type): the final x is returned as a detached 0-dim tensor, not a Python float; it compares equal to the right number, but isinstance(descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20)[0], float) is False."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.detach(), values


DIVERGING_LR = 1.5
