"""WRONG (reduction over the batch): the b1 gradient is the mean of dz over the batch instead of the sum; with a batch of 1 it is right, but for x = randn(4, 3) (W1 randn(5, 3), W2 randn(5, 2)) result["b1"] is a quarter of autograd's."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(dim=0)
    dh = grad_out @ W2.T
    dz = dh * (z > 0).to(dh.dtype)
    dW1 = dz.T @ x
    db1 = dz.mean(dim=0)  # average contribution of the batch
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
