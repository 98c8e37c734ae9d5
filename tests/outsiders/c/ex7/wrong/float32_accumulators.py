"""WRONG: pre-allocates the weight and bias gradients with torch.zeros(shape) (default float32) and accumulates into them with +=, so float64 inputs get float32 gradients. Breaks the stub's "in float32 and float64 (keep the dtype)" and "within float rounding: ... (1e-7 in float64)": with float64 inputs, result["W1"].dtype, ["b1"], ["W2"], ["b2"] are torch.float32 (verified; float32 inputs are right).
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward, keeping the intermediate results
    z1 = x @ W1.T + b1
    a1 = torch.relu(z1)
    # output layer: out = a1 @ W2 + b2
    dW2 = torch.zeros(W2.shape)
    dW2 += a1.T @ grad_out
    db2 = torch.zeros(b2.shape)
    db2 += grad_out.sum(0)
    da1 = grad_out @ W2.T
    # ReLU
    dz1 = da1 * (z1 > 0)
    # first layer: z1 = x @ W1.T + b1
    dW1 = torch.zeros(W1.shape)
    dW1 += dz1.T @ x
    db1 = torch.zeros(b1.shape)
    db1 += dz1.sum(0)
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
