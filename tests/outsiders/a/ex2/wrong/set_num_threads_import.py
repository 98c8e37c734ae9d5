"""WRONG: importing the module calls torch.set_num_threads(1) ("autograd on scalars is faster single-threaded") and never restores it, so torch.get_num_threads() is 1 after import; breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were: ... thread counts"."""

import torch

torch.set_num_threads(1)


def f(x, y):
    """x**2 * y + 3*x*y**2 - 2*x + 5, element-wise."""
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    """(df/dx, df/dy) from the hand-derived formulas."""
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    """(dfn/dx, dfn/dy) at (x, y) with autograd."""
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return (gx.item(), gy.item())
