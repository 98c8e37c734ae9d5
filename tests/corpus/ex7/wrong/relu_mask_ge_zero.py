"""WRONG (ReLU pre-activation exactly 0): the ReLU mask is z >= 0, so a unit sitting exactly at 0 passes the gradient: x = [[1.]], W1 = [[1.]], b1 = [-1.], W2 = [[2.]], b2 = [0.], grad_out = [[1.]] gives W1 grad [[2.]] instead of [[0.]] (PyTorch uses derivative 0 at 0)."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(dim=0)
    dh = grad_out @ W2.T
    dz = dh * (z >= 0).to(dh.dtype)
    dW1 = dz.T @ x
    db1 = dz.sum(dim=0)
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
