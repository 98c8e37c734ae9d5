"""WRONG: descend calls fn(x=x) by keyword, so it raises TypeError for any function whose parameter is not named x: descend(lambda t: (t - 5) ** 2, 0.0, 0.1, 20) or descend(lambda z: z.cos(), 1.0, 0.1, 5); breaks "fn maps a 0-dim tensor to a 0-dim tensor; the grader also passes functions the student has never seen"."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x=x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
