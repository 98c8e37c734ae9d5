"""WRONG: gradient saves a tensor when x == y by passing the SAME leaf tensor as both arguments, so both partial derivatives get the total derivative d fn(t, t)/dt. Breaks the stub's "(dfn/dx, dfn/dy) at (x, y) ... x and y are Python floats (x == y too)": gradient(f, 1.0, 1.0) returns (10.0, 10.0) instead of (3.0, 7.0) = (2xy+3y^2-2, x^2+6xy) at (1, 1) (verified against torch.autograd.grad with two separate tensors).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = xt if x == y else torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = xt.grad.item() if xt.grad is not None else 0.0
    gy = yt.grad.item() if yt.grad is not None else 0.0
    return (gx, gy)
