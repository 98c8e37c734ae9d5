"""Reference solution, Exercise 6: gradient descent by hand (section 3, "Gradient Descent in Action")."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():  # the update itself is not part of the graph
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
