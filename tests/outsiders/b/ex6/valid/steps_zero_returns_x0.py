"""VALID: with steps == 0 there is nothing to do, so descend returns x0 itself and [] -- for an int x0 such as 0 the final x is the int 0 ("Where a float is named, an int of the same value is accepted"); otherwise the section's loop, with the value recorded via .item().
"""
import torch


def descend(fn, x0, lr, steps):
    if steps == 0:
        return x0, []
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
