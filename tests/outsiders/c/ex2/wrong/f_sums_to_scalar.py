"""WRONG: f returns the SUM of the element-wise values (so that it is always a 0-dim tensor "ready for backward"). Breaks the contract's "f(x, y) -> Tensor: ... element-wise for tensors of any broadcastable shapes" and the stub's "the result has their broadcast shape": f(torch.tensor([1., 2.]), torch.tensor([3., 4.])) returns tensor(91.) of shape () instead of tensor([33., 58.]) of shape (2,) (verified).
"""
import torch


def f(x, y):
    return (x**2 * y + 3 * x * y**2 - 2 * x + 5).sum()


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
