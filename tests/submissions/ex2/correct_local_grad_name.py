import torch
from torch.autograd import grad


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    # the gradient as a tuple (df/dx, df/dy)
    grad = (2 * x * y + 3 * y**2 - 2, x**2 + 6 * x * y)
    return grad


def gradient(fn, x, y):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    dx, dy = grad(fn(xt, yt), (xt, yt))
    return dx.item(), dy.item()
