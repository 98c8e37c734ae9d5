"""WRONG (float64 silently turned into float32): the bias gradients are accumulated row by row into torch.zeros(n) (float32) with +=, so for float64 inputs result["b1"].dtype and result["b2"].dtype are torch.float32 (and lose precision) while the other three stay float64."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    dh = grad_out @ W2.T
    dz = dh * (z > 0).to(dh.dtype)
    dW1 = dz.T @ x
    dx = dz @ W1
    db1 = torch.zeros(b1.shape[0])
    db2 = torch.zeros(b2.shape[0])
    for i in range(x.shape[0]):
        db1 += dz[i]
        db2 += grad_out[i]
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
