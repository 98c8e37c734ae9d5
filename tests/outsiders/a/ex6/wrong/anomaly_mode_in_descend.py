"""WRONG: descend calls torch.autograd.set_detect_anomaly(True) before its loop (a debugging leftover) and never switches it off, so torch.is_anomaly_enabled() is True after any call; breaks "Global state stays as found. ... calling a function leaves PyTorch's global settings as they were"."""

import torch


def descend(fn, x0, lr, steps):
    torch.autograd.set_detect_anomaly(True, check_nan=False)
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
