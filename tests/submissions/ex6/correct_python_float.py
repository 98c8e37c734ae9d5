import torch


def descend(fn, x0, lr, steps):
    # x lives as a Python float between steps; each step makes a fresh 0-dim leaf for autograd.
    x = float(x0)
    values = []
    for _ in range(steps):
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        value = fn(xt)
        value.backward()
        values.append(value.item())
        x = x - lr * xt.grad.item()
    return x, values


DIVERGING_LR = 1e6  # x overflows to inf, then nan
