"""VALID: gradient uses torch.autograd.grad on fresh float64 leaf tensors with materialize_grads=True (unused inputs give 0.0, not None), then .item(); f is written with Tensor methods in the formula's own evaluation order (so it rounds exactly like the formula); grad_by_hand uses the hand formulas with multiplication instead of powers. Autograd is still what computes the gradient (the .detach() trick functions give autograd's value), nothing is left over between calls, int points work (float()), and results are Python floats in a tuple.
"""
import torch


def f(x, y):
    return x.square().mul(y).add(x.mul(3).mul(y.square())).sub(x.mul(2)).add(5)


def grad_by_hand(x, y):
    return (2.0 * x * y + 3.0 * y * y - 2.0, x * x + 6.0 * x * y)


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():
        out = fn(xt, yt)
        gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return gx.item(), gy.item()
