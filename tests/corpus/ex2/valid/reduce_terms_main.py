"""VALID: f is built with functools.reduce over a list of term lambdas, gradient uses torch.autograd.grad per input separately, and an if __name__ == "__main__" demo prints a comparison table."""

import functools
import operator

import torch

_TERMS = (
    lambda x, y: x ** 2 * y,
    lambda x, y: 3 * x * y ** 2,
    lambda x, y: -2 * x,
    lambda x, y: 5,
)


def f(x, y):
    return functools.reduce(operator.add, (term(x, y) for term in _TERMS))


def grad_by_hand(x, y):
    return tuple(map(float, (2 * x * y + 3 * y ** 2 - 2, x ** 2 + 6 * x * y)))


def gradient(fn, x, y):
    with torch.enable_grad():
        xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
        yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
        out = fn(xt, yt)
        grads = []
        for leaf in (xt, yt):
            if out.requires_grad:
                (g,) = torch.autograd.grad(out, leaf, retain_graph=True, allow_unused=True)
            else:
                g = None
            grads.append(0.0 if g is None else g.item())
    return tuple(grads)


if __name__ == "__main__":
    for point in [(2.0, 3.0), (0.0, 1.0), (-1.0, 0.5)]:
        print(point, grad_by_hand(*point), gradient(f, *point))
