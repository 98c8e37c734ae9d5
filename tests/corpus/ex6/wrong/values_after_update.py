"""WRONG (values recorded after the step): each value is fn(x) re-evaluated after the update, so descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 3) returns values [16.0, 10.24, 6.5536] instead of [25.0, 16.0, 10.24] (the final x is right)."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        loss = fn(x)
        loss.backward()
        with torch.no_grad():
            x -= lr * x.grad
            values.append(float(fn(x)))  # "how good is the new x?"
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
