"""WRONG (batch of 1 hides it): the x gradient is (W1.T @ dz.T).reshape(x.shape), which is the transpose only when batch = 1; for x = randn(3, 2), W1 = randn(4, 2), W2 = randn(4, 1) result["x"] has x's shape but its values are scrambled across rows and columns."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(0)
    dh = grad_out @ W2.T
    dz = dh * (z > 0).to(dh.dtype)
    dW1 = dz.T @ x
    db1 = dz.sum(0)
    dx = (W1.T @ dz.T).reshape(x.shape)
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
