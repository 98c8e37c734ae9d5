"""WRONG: gradient returns a list [dx, dy] -- breaks "gradient(fn, x: float, y: float) -> tuple[float, float]" and "a tuple means a tuple ..., not a list"; shows on gradient(f, 2.0, 3.0) -> [37.0, 40.0].
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    out = fn(xt, yt)
    grads = torch.autograd.grad(out, [xt, yt], allow_unused=True)
    return [0.0 if g is None else g.item() for g in grads]
