"""VALID: every step makes a fresh leaf: x = (x - lr * x.grad).detach().requires_grad_() (the update is not recorded in any graph, and the new leaf starts with no gradient); DIVERGING_LR = 1e300 makes x inf after one step (x becoming inf counts as diverging)."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0)).requires_grad_()
    values = []
    step = 0
    while step < steps:
        out = fn(x)
        values.append(out.item())
        out.backward()
        x = (x - lr * x.grad).detach().requires_grad_()
        step += 1
    return x.item(), values


DIVERGING_LR = 1e300
