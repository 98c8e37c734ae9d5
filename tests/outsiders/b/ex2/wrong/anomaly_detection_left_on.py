"""WRONG: a debugging leftover -- torch.autograd.set_detect_anomaly(True) at import -- switches PyTorch's global anomaly mode on for everyone (and slows every backward) -- breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were"; shows right after import: torch.is_anomaly_enabled() is True.
"""
import torch

torch.autograd.set_detect_anomaly(True)


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True)
    return (0.0 if gx is None else gx.item(), 0.0 if gy is None else gy.item())
