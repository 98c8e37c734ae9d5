"""WRONG: computes the W2 gradient as grad_out.T @ a1, the (n_out, n_hidden) layout of nn.Linear.weight, although this W2 is (n_hidden, n_out). Breaks "each of the same shape as that input" and "They must equal what PyTorch's automatic differentiation computes": with n_hidden = 3, n_out = 2 the returned "W2" has shape (2, 3) instead of (3, 2); with n_hidden = n_out = 2 the shape matches but the values are PyTorch's automatic differentiation's transposed (verified against PyTorch's automatic differentiation on random float64 inputs).
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward, keeping the intermediate results
    z1 = x @ W1.T + b1
    a1 = torch.relu(z1)
    # output layer: out = a1 @ W2 + b2
    dW2 = grad_out.T @ a1
    db2 = grad_out.sum(0)
    da1 = grad_out @ W2.T
    # ReLU
    dz1 = da1 * (z1 > 0)
    # first layer: z1 = x @ W1.T + b1
    dW1 = dz1.T @ x
    db1 = dz1.sum(0)
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
