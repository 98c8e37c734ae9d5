"""WRONG: grad_by_hand writes the squares in math notation with ^ (y^2, x^2), which in Python is bitwise XOR with lower precedence than + and -. Breaks "grad_by_hand(x: float, y: float) -> tuple[float, float]: (df/dx, df/dy) from the formulas derived by hand": grad_by_hand(2.0, 3.0) raises TypeError ("unsupported operand type(s) for ^: 'float' and 'int'") instead of returning (37.0, 40.0) (verified); with ints grad_by_hand(2, 3) returns (21.0, 36.0).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y^2 - 2
    dfdy = x^2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = xt.grad.item() if xt.grad is not None else 0.0
    gy = yt.grad.item() if yt.grad is not None else 0.0
    return (gx, gy)
