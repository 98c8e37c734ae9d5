"""WRONG (ignores grad_out): the student assumes L = out.sum() and uses torch.ones_like(out) as the upstream gradient, so any grad_out other than all ones is ignored: grad_out = 2 * ones gives half of every gradient, and grad_out = randn(...) gives unrelated ones."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    out = h @ W2 + b2
    g = torch.ones_like(out)  # dL/dout for L = out.sum()
    dW2 = h.T @ g
    db2 = g.sum(0)
    dh = g @ W2.T
    dz = dh * (z > 0).to(dh.dtype)
    dW1 = dz.T @ x
    db1 = dz.sum(0)
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
