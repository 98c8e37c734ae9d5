"""WRONG: DIVERGING_LR = 1.0 ("the step overshoots all the way to 10") -- breaks "DIVERGING_LR: a learning rate at which descend(lambda x: (x - 5) ** 2, 0.0, lr, 50) moves away from 5 ... lr = 1 bounces between 0 and 10 forever and does not"; shows on that very call: |x - 5| stays 5.
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
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.0
