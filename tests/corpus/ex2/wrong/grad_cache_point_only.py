"""WRONG (cache keyed on too little): results are memoised on the point (x, y) only, so after gradient(f, 2.0, 3.0) the call gradient(lambda x, y: x * y, 2.0, 3.0) returns (37.0, 40.0) instead of (3.0, 2.0)."""

import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


_cache = {}


def gradient(fn, x, y):
    key = (float(x), float(y))
    if key in _cache:
        return _cache[key]
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():  # also works when the caller is under no_grad
        out = fn(xt, yt)
    if not out.requires_grad:
        return (0.0, 0.0)
    out.backward()
    gx = 0.0 if xt.grad is None else xt.grad.item()
    gy = 0.0 if yt.grad is None else yt.grad.item()
    _cache[key] = (gx, gy)
    return (gx, gy)
