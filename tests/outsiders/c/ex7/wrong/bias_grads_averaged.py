"""WRONG: takes the MEAN over the batch for both bias gradients ("average the examples"), while PyTorch's automatic differentiation sums them (each row contributes its own b1, b2 term to L). Breaks the contract's "the gradients of L with respect to each input ... They must equal what PyTorch's automatic differentiation computes": with batch 4 (any x, W's, grad_out = ones(4, n_out)), the returned "b2" is ones(n_out) instead of 4 * ones(n_out); b1 is 1/4 of PyTorch's automatic differentiation's too (verified against PyTorch's automatic differentiation for (out * grad_out).sum()). Batch 1 is right, so the single-example case hides it.
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward, keeping the intermediate results
    z1 = x @ W1.T + b1
    a1 = torch.relu(z1)
    # output layer: out = a1 @ W2 + b2
    dW2 = a1.T @ grad_out
    db2 = grad_out.mean(0)
    da1 = grad_out @ W2.T
    # ReLU
    dz1 = da1 * (z1 > 0)
    # first layer: z1 = x @ W1.T + b1
    dW1 = dz1.T @ x
    db1 = dz1.mean(0)
    dx = dz1 @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    y = w * x
    z = y + b
    dL_dz = 2 * z
    dz_dy = 1.0
    dy_dw = x
    dz_db = 1.0
    return (dL_dz * dz_dy * dy_dw, dL_dz * dz_db)
