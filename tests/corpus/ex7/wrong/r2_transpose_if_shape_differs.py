"""WRONG (transposition hidden by square layers): the W1 gradient is computed as x.T @ dz, shape (n_in, n_hidden), and "fixed" with .T only when its shape differs from W1's; non-square layers come out right, and the book's 2-2-1 net is square but its x.T @ dz happens to be symmetric, but for x = randn(4, 3), W1 = randn(3, 3), W2 = randn(3, 2) result["W1"] is the transpose of autograd's."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    dz = (grad_out @ W2.T) * (z > 0)
    dW1 = x.T @ dz
    if dW1.shape != W1.shape:
        dW1 = dW1.T
    return {
        "x": dz @ W1,
        "W1": dW1,
        "b1": dz.sum(0),
        "W2": h.T @ grad_out,
        "b2": grad_out.sum(0),
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * 1.0 * x, dL_dz * 1.0

