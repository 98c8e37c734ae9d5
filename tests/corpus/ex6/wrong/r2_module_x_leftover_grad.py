"""WRONG (x reused across calls): x is a module-level tensor created once and reset with fill_ at each call, and its gradient is cleared at the top of every step except the first ("no gradient yet at step 0"), so the last gradient of one call leaks into the first step of the next: descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20) gives values 25.0, 16.0, 10.24, ... the first time, but called again the first step also uses the previous call's last gradient (-0.144), so the values are 25.0, 15.885, 10.166, ... and x is 4.942562."""

import torch

_x = torch.zeros((), requires_grad=True)


def descend(fn, x0, lr, steps):
    with torch.no_grad():
        _x.fill_(x0)
    values = []
    for step in range(steps):
        if step > 0:
            _x.grad.zero_()
        f = fn(_x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            _x.sub_(lr * _x.grad)
    return _x.item(), values


DIVERGING_LR = 1.5
