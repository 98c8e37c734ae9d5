"""WRONG (gradient shape): the b2 gradient is grad_out.sum(0, keepdim=True), shape (1, n_out) instead of b2's (n_out,); it broadcasts equal in allclose, but for the book's net (b2 = [0.]) result["b2"].shape is (1, 1), not (1,)."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(0, keepdim=True)
    dh = grad_out @ W2.T
    dz = dh * (z > 0).to(dh.dtype)
    dW1 = dz.T @ x
    db1 = dz.sum(0)
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
