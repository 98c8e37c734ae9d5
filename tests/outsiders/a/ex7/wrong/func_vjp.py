"""WRONG: backward_by_hand gets the gradients from torch.func.vjp of the forward pass (functional autograd) instead of writing the chain rule out; breaks "by the chain rule written out: no autograd (no Tensor.backward(), no torch.autograd, no requires_grad ...)"."""

import torch
import torch.func


def _forward(x, W1, b1, W2, b2):
    return torch.clamp(x @ W1.T + b1, min=0) @ W2 + b2


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    _, pullback = torch.func.vjp(_forward, x, W1, b1, W2, b2)
    g_x, g_W1, g_b1, g_W2, g_b2 = pullback(grad_out)
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    """(dL/dw, dL/db) for x=2, w=3, b=1, y=w*x, z=y+b, L=z**2."""
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)
