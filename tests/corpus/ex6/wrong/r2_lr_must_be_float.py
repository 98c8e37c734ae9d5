"""WRONG (int lr refused): a defensive type check insists that lr is a float ("learning rates are fractions"), while x0 is converted with float(); the contract says an int must work for lr too: descend(lambda x: (x - 5) ** 2, 0, 1, 2) raises TypeError instead of returning (0.0, [25.0, 25.0]) (and descend(lambda x: x ** 2, 3, 0, 2) raises instead of (3.0, [9.0, 9.0]))."""

import torch


def descend(fn, x0, lr, steps):
    if not isinstance(lr, float):
        raise TypeError(f"lr must be a float, got {type(lr).__name__}")
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


DIVERGING_LR = 1.5
