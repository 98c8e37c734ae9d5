"""VALID: gradient uses torch.func.grad (functional autograd) on float64 tensors; grad_by_hand returns ints when given ints (an int is accepted where a float is named); f evaluates in float64 internally and casts back to the inputs' dtype."""

import torch
import torch.func


def f(x, y):
    dtype = torch.result_type(x, y)
    x64, y64 = x.to(torch.float64), y.to(torch.float64)
    out = x64 * x64 * y64 + 3.0 * x64 * y64 * y64 - 2.0 * x64 + 5.0
    return out.to(dtype)


def grad_by_hand(x, y):
    return (2 * x * y + 3 * y * y - 2, x * x + 6 * x * y)


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64)
    yt = torch.tensor(float(y), dtype=torch.float64)
    gx, gy = torch.func.grad(lambda a, b: fn(a, b), argnums=(0, 1))(xt, yt)
    return (float(gx), float(gy))
