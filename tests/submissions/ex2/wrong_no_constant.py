import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    x = torch.tensor(x, requires_grad=True)
    y = torch.tensor(y, requires_grad=True)
    out = fn(x, y)
    out.backward()
    return x.grad.item(), y.grad.item()
