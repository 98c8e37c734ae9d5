"""WRONG: descend records fn at the start of every step but, for the LAST step, records fn(x) after the update (a fencepost fix gone wrong), so values[-1] is the value after the final update: descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 3) gives [25.0, 16.0, 4.194...] instead of [25.0, 16.0, 10.24]; breaks "values[k] is fn(x) at the start of step k, BEFORE that step's update"."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for k in range(steps):
        value = fn(x)
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
            if k == steps - 1:
                values.append(fn(x).item())
            else:
                values.append(value.item())
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
