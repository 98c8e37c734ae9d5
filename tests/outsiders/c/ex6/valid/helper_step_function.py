"""VALID: the loop is split into a helper _step(fn, x, lr) that evaluates fn at the current x, backpropagates, applies x -= lr * x.grad inside torch.no_grad() and clears the gradient with x.grad.zero_(), returning the value seen BEFORE the update; descend collects those values with a list comprehension over range(steps) and returns (x.item(), values). x is a 0-dim float32 leaf from float(x0). DIVERGING_LR = 2.5 (distance multiplied by -4 per step).
"""
import torch


def _step(fn, x, lr):
    value = fn(x)
    value.backward()
    with torch.no_grad():
        x -= lr * x.grad
    x.grad.zero_()
    return value.item()


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0)).requires_grad_()
    values = [_step(fn, x, lr) for _ in range(steps)]
    return (x.item(), values)


DIVERGING_LR = 2.5
