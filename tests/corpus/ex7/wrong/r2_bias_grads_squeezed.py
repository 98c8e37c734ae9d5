"""WRONG (bias gradient shape for size-1 layers): the bias gradients are .sum(0).squeeze() "to drop the batch axis", which also drops a size-1 feature axis: for the book's net (n_out = 1) result["b2"].shape is torch.Size([]) instead of torch.Size([1]) (it broadcasts equal in allclose), and a hidden layer of 1 unit gives a 0-dim b1 gradient; wider layers are right."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    dz = (grad_out @ W2.T) * (z > 0)
    return {
        "x": dz @ W1,
        "W1": dz.T @ x,
        "b1": dz.sum(0).squeeze(),
        "W2": h.T @ grad_out,
        "b2": grad_out.sum(0).squeeze(),
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * 1.0 * x, dL_dz * 1.0

