"""WRONG (values list aliasing): the values list is a mutable default argument (values=[]), created once when the module is imported and shared by every call, so the first call is right but a second one returns the first call's values too: after descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 3), descend(lambda x: x ** 2, 1.0, 0.1, 2)[1] is [25.0, 16.0, 10.24, 1.0, 0.64] instead of [1.0, 0.64]."""

import torch


def descend(fn, x0, lr, steps, values=[]):
    x = torch.tensor(float(x0), requires_grad=True)
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
