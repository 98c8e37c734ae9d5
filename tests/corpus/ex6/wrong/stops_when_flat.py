"""WRONG (early stop): the loop breaks as soon as the gradient is exactly 0 ("converged"), so fewer than steps values come back: descend(lambda x: x ** 2, 0, 0.1, 5) returns (0.0, [0.0]) instead of (0.0, [0.0, 0.0, 0.0, 0.0, 0.0])."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        if x.grad.item() == 0.0:
            break  # at a minimum already, nothing more to do
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
