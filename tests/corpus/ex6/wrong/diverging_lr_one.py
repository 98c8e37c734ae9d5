"""WRONG (DIVERGING_LR on the boundary): DIVERGING_LR = 1.0, but lr = 1 bounces between 0 and 10 forever: descend(lambda x: (x - 5) ** 2, 0.0, 1.0, 50) ends at x = 0.0, |x - 5| = 5, not larger; descend itself is correct."""

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
    return x.item(), values


# gradient is 2(x - 5): with lr = 1 the step is twice the distance, so it overshoots
DIVERGING_LR = 1.0
