"""VALID: gradient calls backward() inside try/except (constant fn), reads .grad under torch.no_grad with an AttributeError fallback for unused inputs, and clears .grad afterwards; f shares the product x*y between terms."""

import torch


def f(x, y):
    xy = x * y
    return xy * x + 3 * xy * y - x - x + 5


def grad_by_hand(x, y):
    x, y = float(x), float(y)
    return (2 * x * y + 3 * y * y - 2, x * x + 6 * x * y)


def _read(t):
    try:
        return t.grad.item()
    except AttributeError:  # input not used by fn: PyTorch leaves .grad as None
        return 0.0


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():
        out = fn(xt, yt)
    try:
        out.backward()
    except RuntimeError:  # out does not depend on x or y at all
        pass
    with torch.no_grad():
        result = (_read(xt), _read(yt))
    xt.grad = None
    yt.grad = None
    return result
