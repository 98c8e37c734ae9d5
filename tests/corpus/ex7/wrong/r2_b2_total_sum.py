"""WRONG (b2 gradient summed over everything): the b2 gradient is grad_out.sum() (one number: batch AND outputs) spread over b2's shape with ones_like, so with one output unit (the book's net, any batch) it is right, but for x = randn(3, 2), W1 = randn(4, 2), W2 = randn(4, 2), grad_out = randn(3, 2) both entries of result["b2"] are the grand total instead of the two column sums."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    dz = (grad_out @ W2.T) * (z > 0)
    return {
        "x": dz @ W1,
        "W1": dz.T @ x,
        "b1": dz.sum(0),
        "W2": h.T @ grad_out,
        "b2": grad_out.sum() * torch.ones_like(b2),
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * 1.0 * x, dL_dz * 1.0
