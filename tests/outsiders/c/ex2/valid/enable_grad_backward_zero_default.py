"""VALID: gradient creates fresh float32 leaves with torch.tensor(float(v), requires_grad=True), computes under torch.enable_grad() (so it works even when called inside no_grad without changing global grad mode afterwards), uses out.backward(inputs=[...]) to accumulate only into its own leaves, and maps a missing .grad to 0.0 via a tiny helper. f groups the formula as written with torch.mul/torch.add calls; grad_by_hand returns a namedtuple (the contract: "a namedtuple is one" [a tuple]) of floats.
"""
from collections import namedtuple

import torch

Grad = namedtuple("Grad", ["dfdx", "dfdy"])


def f(x, y):
    t1 = torch.mul(torch.mul(x, x), y)
    t2 = torch.mul(torch.mul(3, x), torch.mul(y, y))
    return torch.add(torch.sub(torch.add(t1, t2), torch.mul(2, x)), 5)


def grad_by_hand(x, y):
    return Grad(float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def _value(t):
    return 0.0 if t.grad is None else float(t.grad)


def gradient(fn, x, y):
    a = torch.tensor(float(x), requires_grad=True)
    b = torch.tensor(float(y), requires_grad=True)
    with torch.enable_grad():
        fn(a, b).backward(inputs=[a, b])
    return (_value(a), _value(b))
