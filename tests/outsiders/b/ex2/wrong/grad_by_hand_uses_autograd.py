"""WRONG: grad_by_hand just calls gradient(f, x, y), i.e. autograd -- breaks "grad_by_hand(x, y): ... from the formulas derived by hand (no autograd)" (stub: "NOT autograd (no torch, no .backward())"); shows on every call, e.g. grad_by_hand(2.0, 3.0) runs .backward() (values are right: (37.0, 40.0)).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = 0.0 if xt.grad is None else xt.grad.item()
    gy = 0.0 if yt.grad is None else yt.grad.item()
    return (gx, gy)


def grad_by_hand(x, y):
    # "I derived them, but autograd is more reliable"
    return gradient(f, x, y)
