"""WRONG (autograd under another name): backward_by_hand calls torch.func.vjp on a forward closure; no ".backward()", "torch.autograd" or "requires_grad" appears in the file and the numbers equal autograd's, but the gradients are computed by autograd's machinery, not by the chain rule written out."""

import torch


def _forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    _, pullback = torch.func.vjp(_forward, x, W1, b1, W2, b2)
    gx, gW1, gb1, gW2, gb2 = pullback(grad_out)
    return {"x": gx, "W1": gW1, "b1": gb1, "W2": gW2, "b2": gb2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
