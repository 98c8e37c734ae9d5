"""WRONG: clears the gradient only with x.grad.mul_(0.1) instead of zeroing it ("shrink the old gradient"), so 10% of each old gradient leaks into the next step -- a hidden momentum -- breaks "... update x -= lr * x.grad ..., and clear the gradient"; shows on descend(lambda x: (x - 5) ** 2, 0, 0.1, 20): values[2] is 9.61 instead of 10.24 (final x 4.971795 instead of 4.942354).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.mul_(0.1)
    return x.item(), values


DIVERGING_LR = 1.5
