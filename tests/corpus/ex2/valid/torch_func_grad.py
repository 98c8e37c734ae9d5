"""VALID: gradient is built on torch.func.grad with argnums=(0, 1), f uses torch.addcmul, and grad_by_hand uses fractions.Fraction for exact arithmetic."""

from fractions import Fraction

import torch
import torch.func


def f(x, y):
    # 5 - 2x, then + x*x*y, then + 3*x*y*y
    return torch.addcmul(torch.addcmul(5 - 2 * x, x * x, y), x, y * y, value=3)


def grad_by_hand(x, y):
    fx, fy = Fraction(x), Fraction(y)
    dfdx = 2 * fx * fy + 3 * fy ** 2 - 2
    dfdy = fx ** 2 + 6 * fx * fy
    return float(dfdx), float(dfdy)


def gradient(fn, x, y):
    def scalar(a, b):
        out = fn(a, b)
        # torch.func.grad needs a tensor output that depends on the inputs;
        # adding 0*a keeps the value and makes a constant fn differentiable (derivative 0)
        return out + 0 * a

    dx, dy = torch.func.grad(scalar, argnums=(0, 1))(
        torch.tensor(float(x), dtype=torch.float64),
        torch.tensor(float(y), dtype=torch.float64),
    )
    return float(dx), float(dy)
