"""WRONG: chain_rule_example uses dy/dw = w (3) instead of x (2): "the derivative of w*x is the other factor" applied the wrong way round. Breaks the contract's "chain_rule_example() -> tuple[float, float]: (dL/dw, dL/db) for the section's graph ...: (28.0, 14.0)": it returns (42.0, 14.0) (verified: 14 * 3 = 42).
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
    dy_dw = w
    dz_db = 1.0
    return (dL_dz * dz_dy * dy_dw, dL_dz * dz_db)
