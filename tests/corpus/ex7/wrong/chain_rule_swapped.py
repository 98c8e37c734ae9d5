"""WRONG (chain_rule_example order): the pair is returned as (dL/db, dL/dw) = (14.0, 28.0) instead of (dL/dw, dL/db) = (28.0, 14.0); backward_by_hand is correct."""

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
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b          # 7
    dL_dz = 2 * z          # 14
    dL_db = dL_dz * 1.0    # 14
    dL_dw = dL_dz * x      # 28
    return (dL_db, dL_dw)
