"""WRONG: descend is defined as descend(fn, start, learning_rate, n_steps), so the keyword call descend(fn, x0=0.0, lr=0.1, steps=20) raises TypeError; breaks "The names and signatures below are the contract: keep them exactly" (descend(fn, x0: float, lr: float, steps: int))."""

import torch


def descend(fn, start, learning_rate, n_steps):
    x = torch.tensor(float(start), requires_grad=True)
    values = []
    for _ in range(n_steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= learning_rate * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
