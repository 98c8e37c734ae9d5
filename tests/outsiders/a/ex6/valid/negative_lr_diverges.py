"""VALID: plain section loop (x.grad.zero_() after a no_grad update); DIVERGING_LR = -0.5, a learning rate at which descend((x - 5) ** 2, 0.0, lr, 50) moves away from 5 (each step doubles x - 5, so |x - 5| = 5 * 2**50), which is exactly the contract's definition ("a learning rate at which ... moves away from 5 instead of towards it: after 50 steps |x - 5| is larger than the 5 it started at")."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = -0.5
