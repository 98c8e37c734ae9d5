import math
import torch


def f(x, y):
    return x * x * y + 3.0 * x * y * y - 2.0 * x + 5.0


def grad_by_hand(x, y):
    return 2 * x * y + 3 * y * y - 2, x * x + 6 * x * y


def gradient(fn, x, y):
    xs = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    ys = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    gx, gy = torch.autograd.grad(fn(xs, ys), (xs, ys))
    return float(gx), float(gy)
