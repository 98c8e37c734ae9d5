"""WRONG: gradient builds its tensors with torch.tensor(x, requires_grad=True) straight from the arguments, so an int point gives an int64 tensor that cannot require grad. Breaks "Where a float is named, an int of the same value is accepted" (contract, Types) for gradient(fn, x: float, y: float): gradient(f, 2, 3) raises RuntimeError "Only Tensors of floating point and complex dtype can require gradients" instead of returning (37.0, 40.0) (verified); gradient(f, 2.0, 3.0) works.
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.tensor(y, requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = xt.grad.item() if xt.grad is not None else 0.0
    gy = yt.grad.item() if yt.grad is not None else 0.0
    return (gx, gy)
