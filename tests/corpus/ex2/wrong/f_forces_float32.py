"""WRONG (behaviour that differs by dtype): f converts its inputs with torch.as_tensor(..., dtype=torch.float32), so f on float64 tensors returns float32, e.g. f(torch.tensor(2., dtype=torch.float64), torch.tensor(3., dtype=torch.float64)).dtype is torch.float32."""

import torch


def f(x, y):
    # accept Python numbers as well as tensors
    x = torch.as_tensor(x, dtype=torch.float32)
    y = torch.as_tensor(y, dtype=torch.float32)
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():  # also works when the caller is under no_grad
        out = fn(xt, yt)
    if not out.requires_grad:
        return (0.0, 0.0)
    out.backward()
    gx = 0.0 if xt.grad is None else xt.grad.item()
    gy = 0.0 if yt.grad is None else yt.grad.item()
    return (gx, gy)
