"""WRONG (modifies an input): W2 is transposed in place with W2.t_() for the hidden gradient and transposed back afterwards; the values look untouched but W2 is changed during the call (W2._version increases), and a W2 that requires grad makes backward_by_hand raise RuntimeError."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(0)
    W2.t_()  # (n_out, n_hidden) for the backward matmul
    dh = grad_out @ W2
    W2.t_()  # put it back
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
