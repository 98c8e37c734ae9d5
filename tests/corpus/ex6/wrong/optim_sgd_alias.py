"""WRONG (forbidden torch.optim reached through an alias): the update is torch.optim.SGD imported as `from torch import optim as steppers`; the numbers are right (descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20)[0] == 4.942354) but the loop the exercise asks for is replaced by an optimizer."""

import torch
from torch import optim as steppers


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    stepper = steppers.SGD([x], lr=lr)
    values = []
    for _ in range(steps):
        stepper.zero_grad()
        f = fn(x)
        values.append(f.item())
        f.backward()
        stepper.step()
    return x.item(), values


DIVERGING_LR = 1.5
