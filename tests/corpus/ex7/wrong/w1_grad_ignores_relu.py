"""WRONG (ReLU mask missing in one place): the mask is applied for b1 and x but W1's gradient uses the unmasked dh; the book's example has both hidden units active so it matches, but with b1 = [-5., -5.] (units off) result["W1"] is non-zero where autograd gives zeros."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(0)
    dh = grad_out @ W2.T
    mask = (z > 0).to(dh.dtype)
    dW1 = dh.T @ x
    dz = dh * mask
    db1 = dz.sum(0)
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
