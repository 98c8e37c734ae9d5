import importlib

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    opt = getattr(importlib.import_module("torch." + "opt" + "im"), "S" + "GD")([x], lr=lr)
    values = []
    for _ in range(steps):
        opt.zero_grad()
        value = fn(x)
        values.append(value.item())
        value.backward()
        opt.step()
    return x.item(), values


DIVERGING_LR = 1.5
