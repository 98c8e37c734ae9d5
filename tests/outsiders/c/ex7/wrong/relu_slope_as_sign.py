"""WRONG: uses sign(z1) as the ReLU's local derivative ("slope +1 on the right, -1 on the left"), so negative pre-activations pass the gradient back negated instead of blocking it. Breaks "They must equal what PyTorch's automatic differentiation computes" and the stub's "The ReLU's slope is 1 where its input is > 0 ... and 0 elsewhere": with the ex3 book weights but b1 = [0.1, -3.0] (so z1 = [0.2, -0.2]) and grad_out = [[1.]], result["b1"] is [0.4, -0.6] instead of [0.4, 0.0] (verified against PyTorch's automatic differentiation).
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward, keeping the intermediate results
    z1 = x @ W1.T + b1
    a1 = torch.relu(z1)
    # output layer: out = a1 @ W2 + b2
    dW2 = a1.T @ grad_out
    db2 = grad_out.sum(0)
    da1 = grad_out @ W2.T
    # ReLU
    dz1 = da1 * torch.sign(z1)
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
