"""WRONG: DIVERGING_LR = 1.0, "the step overshoots all the way to the other side". Breaks the contract's DIVERGING_LR definition ("after 50 steps |x - 5| is larger than the 5 it started at, or x has become inf or nan ... lr = 1 bounces between 0 and 10 forever and does not"): descend(lambda x: (x - 5) ** 2, 0.0, 1.0, 50) ends at x = 0.0, |x - 5| = 5, not larger than 5 (verified; descend itself is correct).
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
    return (x.item(), values)


DIVERGING_LR = 1.0
