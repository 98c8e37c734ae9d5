"""WRONG (reshape used as transpose): the W2 gradient is (grad_out.T @ h).reshape(W2.shape); with one output (the book's net) reshape equals transpose, but with n_out = 2, e.g. x = randn(3, 2), W1 = randn(4, 2), W2 = randn(4, 2), result["W2"] has the right shape and scrambled values."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = (grad_out.T @ h).reshape(W2.shape)
    db2 = grad_out.sum(0)
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
