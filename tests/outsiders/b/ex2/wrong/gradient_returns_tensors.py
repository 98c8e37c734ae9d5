"""WRONG: gradient returns the 0-dim gradient tensors (x.grad, y.grad) instead of Python floats -- breaks "-> tuple[float, float]" (stub: "as a tuple of two Python floats ... read the gradients (.item())"); shows on gradient(f, 2.0, 3.0) -> (tensor(37.), tensor(40.)).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = xt.grad if xt.grad is not None else torch.zeros(())
    gy = yt.grad if yt.grad is not None else torch.zeros(())
    return (gx, gy)
