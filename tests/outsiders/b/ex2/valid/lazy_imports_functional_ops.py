"""VALID: no module-level torch import -- torch is imported lazily inside the functions; f uses torch.mul/torch.add/torch.sub functional calls; gradient creates the leaves with torch.as_tensor(...).requires_grad_() and zero-fills missing grads with a dict comprehension.
"""


def f(x, y):
    import torch
    a = torch.mul(torch.mul(x, x), y)
    b = torch.mul(torch.mul(x, 3), torch.mul(y, y))
    return torch.add(torch.sub(torch.add(a, b), torch.mul(x, 2)), 5)


def grad_by_hand(x, y):
    return (2 * x * y + 3 * y ** 2 - 2.0, x ** 2 + 6 * x * y + 0.0)


def gradient(fn, x, y):
    import torch
    leaves = {name: torch.as_tensor(float(v), dtype=torch.float64).requires_grad_()
              for name, v in (("x", x), ("y", y))}
    out = fn(leaves["x"], leaves["y"])
    if out.requires_grad:
        out.backward()
    grads = {k: (t.grad.item() if t.grad is not None else 0.0) for k, t in leaves.items()}
    return grads["x"], grads["y"]
