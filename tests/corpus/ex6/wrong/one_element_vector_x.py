"""WRONG (x is not 0-dim): x is held as a shape-(1,) tensor, so fn receives a vector, not the 0-dim tensor of the contract; fine for (x - 5) ** 2, but descend(lambda x: torch.stack([x, torch.tensor(1.0)]).pow(2).sum(), 2.0, 0.1, 1) raises (stack of (1,) and ())."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor([float(x0)], requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
