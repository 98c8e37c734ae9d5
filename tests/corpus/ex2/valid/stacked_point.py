"""VALID: gradient makes one leaf vector p = [x, y] and calls fn(p[0], p[1]), so unused inputs and x == y need no special case; debug printing behind a verbose keyword."""

import torch


def f(x, y):
    return torch.pow(x, 2) * y + 3 * x * torch.pow(y, 2) - 2 * x + 5


def grad_by_hand(x, y, verbose=False):
    result = (2.0 * x * y + 3.0 * y ** 2 - 2.0, x ** 2 + 6.0 * x * y)
    if verbose:
        print(f"by hand at ({x}, {y}): {result}")
    return tuple(float(v) for v in result)


def gradient(fn, x, y, verbose=False):
    with torch.enable_grad():
        p = torch.tensor([x, y], dtype=torch.float64, requires_grad=True)
        out = fn(p[0], p[1])
        if out.requires_grad:
            out.backward()
    g = p.grad if p.grad is not None else torch.zeros(2, dtype=torch.float64)
    if verbose:
        print(f"autograd at ({x}, {y}): {g.tolist()}")
    gx, gy = g.tolist()
    return (gx, gy)


if __name__ == "__main__":
    print(f(torch.tensor(2.0), torch.tensor(3.0)))
    print(grad_by_hand(2.0, 3.0, verbose=True), gradient(f, 2.0, 3.0, verbose=True))
