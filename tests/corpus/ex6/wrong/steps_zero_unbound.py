"""WRONG (steps=0): the final x is read into a variable inside the loop, so descend(lambda x: (x - 5) ** 2, 3.0, 0.1, 0) raises UnboundLocalError instead of returning (3.0, [])."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for step in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
        final_x = x.item()
    return final_x, values


DIVERGING_LR = 1.5
