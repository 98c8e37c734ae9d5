"""WRONG: grad_by_hand returns its results as strings formatted to 4 decimals, then float()-ed -- i.e. rounds to 4 decimal places (a beginner "tidying" the output) -- breaks "(∂f/∂x, ∂f/∂y) from the formulas derived by hand"; shows on grad_by_hand(0.1234567, 0.7654321): df/dx is -0.0533456586 and df/dy 0.5822278836, returned (-0.0533, 0.5822).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(f"{dfdx:.4f}"), float(f"{dfdy:.4f}"))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True)
    return (0.0 if gx is None else gx.item(), 0.0 if gy is None else gy.item())
