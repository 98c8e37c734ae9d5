"""WRONG: f adds the constant as torch.tensor([5.0]) (a 1-element float32 vector) instead of the number 5. Breaks the stub's "the result has their broadcast shape and keeps their dtype" for 0-dim inputs: f(torch.tensor(2., dtype=torch.float64), torch.tensor(3., dtype=torch.float64)) has shape (1,) and dtype float32 instead of shape () and float64 (verified: a dimensioned float32 tensor wins the promotion over 0-dim float64 ones).
"""
import torch


def f(x, y):
    five = torch.tensor([5.0])
    return x**2 * y + 3 * x * y**2 - 2 * x + five


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = xt.grad.item() if xt.grad is not None else 0.0
    gy = yt.grad.item() if yt.grad is not None else 0.0
    return (gx, gy)
