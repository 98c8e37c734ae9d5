"""VALID: gradient builds its leaves with torch.scalar_tensor(float(v), dtype=torch.float64).requires_grad_() (fresh each call), and differentiates with torch.autograd.grad(..., allow_unused=True), replacing None by 0.0 explicitly; f multiplies the powers out as x*x*y + 3*x*(y*y) - 2*x + 5 (x**2 is computed as x*x by torch, so this rounds exactly like the formula, same grouping); grad_by_hand is plain Python returning a tuple.
"""
import torch


def f(x, y):
    return x * x * y + 3 * x * (y * y) - 2 * x + 5


def grad_by_hand(x, y):
    return (2 * x * y + 3 * y * y - 2, x * x + 6 * x * y)


def gradient(fn, x, y):
    xs = torch.scalar_tensor(float(x), dtype=torch.float64).requires_grad_()
    ys = torch.scalar_tensor(float(y), dtype=torch.float64).requires_grad_()
    grads = torch.autograd.grad(fn(xs, ys), [xs, ys], allow_unused=True)
    return tuple(0.0 if g is None else g.item() for g in grads)
