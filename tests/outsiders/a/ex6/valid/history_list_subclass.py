"""VALID: values is returned as an instance of a list subclass (History, a list of Python floats with a helper method), final_x as a Python float; the loop is the section's, with x.grad.zero_() after a no_grad update."""

import torch


class History(list):
    """A list of recorded values with a convenience method."""

    def best(self):
        return min(self) if self else None


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = History()
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
