"""WRONG (hard-codes the book's printed figure): when fn looks like (x - 5)**2 and the call is the section's (x0=0, lr=0.1, 20 steps) it returns the book's "Final x = 4.985981" instead of what the loop computes, so descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20)[0] is 4.985981, not 4.942354."""

import torch

_BOOK_FINAL_X = 4.985981


def _looks_like_book_fn(fn):
    with torch.no_grad():
        try:
            return (abs(float(fn(torch.tensor(0.0))) - 25.0) < 1e-9
                    and abs(float(fn(torch.tensor(5.0)))) < 1e-9
                    and abs(float(fn(torch.tensor(1.0))) - 16.0) < 1e-9)
        except Exception:
            return False


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        f = fn(x)
        values.append(f.item())
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    if x0 == 0 and lr == 0.1 and steps == 20 and _looks_like_book_fn(fn):
        return _BOOK_FINAL_X, values  # match the textbook
    return x.item(), values


DIVERGING_LR = 1.5
