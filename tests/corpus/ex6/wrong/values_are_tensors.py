"""WRONG (return type): the values are 0-dim tensors (f.detach()) instead of Python floats, so descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 3)[1] == [tensor(25.), tensor(16.), tensor(10.24)]; they compare equal to the floats one by one but are not floats."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    history = []
    for _ in range(steps):
        f = fn(x)
        history.append(f.detach())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), history


DIVERGING_LR = 1.5
