"""VALID: gradient makes ONE fresh leaf vector p = [x, y] with requires_grad=True on every call, passes fn its two 0-dim elements p[0], p[1] (tensors that require grad) by position, backpropagates, and reads p.grad: the two partial derivatives exactly as autograd computes them (an input fn ignores gets 0.0 because p.grad is a dense zero-filled vector). x == y gives two distinct elements, so the partials stay separate. f uses torch.broadcast_tensors first (same values and dtype); grad_by_hand uses math.fsum of the hand formula's terms.
"""
import math

import torch


def f(x, y):
    x, y = torch.broadcast_tensors(x, y)
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = math.fsum([2 * x * y, 3 * y * y, -2.0])
    dfdy = math.fsum([x * x, 6 * x * y])
    return dfdx, dfdy


def gradient(fn, x, y):
    p = torch.tensor([float(x), float(y)], requires_grad=True)
    out = fn(p[0], p[1])
    out.backward()
    gx, gy = p.grad.tolist()
    return (gx, gy)
