"""VALID: backpropagation is torch.autograd.backward(value, inputs=[x]) rather than value.backward(), the update runs under torch.inference_mode() instead of torch.no_grad(), the gradient is cleared by detaching and zeroing it in place (what zero_grad does), and the loop is driven by itertools.repeat; x is built with torch.as_tensor(x0, dtype=torch.float32).clone()."""

import itertools

import torch


def descend(fn, x0, lr, steps):
    x = torch.as_tensor(x0, dtype=torch.float32).clone().requires_grad_()
    values = []
    for _ in itertools.repeat(None, steps):
        value = fn(x)
        values.append(float(value.detach()))
        torch.autograd.backward(value, inputs=[x])
        with torch.inference_mode():
            x.add_(x.grad, alpha=-lr)
        x.grad.detach_()
        x.grad.zero_()
    return float(x.detach()), values


DIVERGING_LR = 3 / 2
