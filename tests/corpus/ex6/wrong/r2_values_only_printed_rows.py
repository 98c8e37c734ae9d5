"""WRONG (sloppy copy of the book's print condition): the value is recorded under the book's `if step < 10 or step % 5 == 0:` (the rows its table prints), so up to 10 steps are all right but descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20) returns 12 values (steps 0-9, 10, 15) instead of 20; the final x 4.942354 is right."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for step in range(steps):
        f = fn(x)
        f.backward()
        if step < 10 or step % 5 == 0:
            values.append(f.item())
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
