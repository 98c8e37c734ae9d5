"""WRONG: descend holds x as a float16 tensor ("it is only one number"), so values and x are off by far more than the tolerance: descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20) ends at 4.94140625 instead of 4.942354 (and x0 = 1000.1 is stored as 1000.0); breaks "ex6 may hold x in either dtype (x and the values are compared with a relative tolerance of 1e-4 plus an absolute one of 1e-5, which both dtypes meet)" — float16 is neither float32 nor float64 and does not meet it."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), dtype=torch.float16, requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
