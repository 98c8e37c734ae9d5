"""WRONG (very many steps): descend is written recursively, one call per step (take one step, then descend(fn, new_x, lr, steps - 1)), so it is right for the section's 20 steps but descend(lambda x: (x - 5) ** 2, 0.0, 0.001, 5000) raises RecursionError instead of returning 5000 values."""

import torch


def descend(fn, x0, lr, steps):
    if steps == 0:
        return float(x0), []
    x = torch.tensor(float(x0), requires_grad=True)
    f = fn(x)
    f.backward()
    with torch.no_grad():
        x -= lr * x.grad
    x.grad.zero_()
    final_x, rest = descend(fn, x.item(), lr, steps - 1)
    return final_x, [f.item()] + rest


DIVERGING_LR = 1.5
