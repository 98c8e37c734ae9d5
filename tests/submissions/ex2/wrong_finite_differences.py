import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return 2 * x * y + 3 * y**2 - 2, x**2 + 6 * x * y


def gradient(fn, x, y):
    # numerical derivative (central differences) instead of autograd
    h = 1e-6
    X = lambda v: torch.tensor(v, dtype=torch.float64)
    dx = (fn(X(x + h), X(y)) - fn(X(x - h), X(y))) / (2 * h)
    dy = (fn(X(x), X(y + h)) - fn(X(x), X(y - h))) / (2 * h)
    return dx.item(), dy.item()
