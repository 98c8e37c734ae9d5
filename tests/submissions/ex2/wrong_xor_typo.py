import torch


def f(x, y):
    return x^2 * y + 3 * x * y^2 - 2 * x + 5


def grad_by_hand(x, y):
    return 2 * x * y + 3 * y**2 - 2, x**2 + 6 * x * y


def gradient(fn, x, y):
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.tensor(y, requires_grad=True)
    fn(xt, yt).backward()
    return xt.grad.item(), yt.grad.item()
