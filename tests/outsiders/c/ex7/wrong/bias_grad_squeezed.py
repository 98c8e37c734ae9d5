"""WRONG: squeezes the b2 gradient ("drop the useless size-1 dims"), which for the book's single output n_out = 1 turns the (1,) gradient into a 0-dim tensor. Breaks "each of the same shape as that input" (stub: "the bias gradients are (n_hidden,) and (n_out,)"): with the ex3 book network (n_out = 1) and grad_out = ones(1, 1), result["b2"].shape is () instead of (1,) (verified; b2.shape is (1,)).
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward, keeping the intermediate results
    z1 = x @ W1.T + b1
    a1 = torch.relu(z1)
    # output layer: out = a1 @ W2 + b2
    dW2 = a1.T @ grad_out
    db2 = grad_out.sum(0).squeeze()
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
