"""WRONG: the W2 gradient uses the hidden layer BEFORE the ReLU (z.T @ grad_out) instead of after it (relu(z).T @ grad_out) -- identical whenever no hidden unit is negative (as in the book's example) -- breaks "They must equal what autograd computes"; shows on any input with a negative pre-activation, e.g. random x, W1, b1.
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    g_W2 = z.T @ grad_out
    g_b2 = grad_out.sum(0)
    g_h = grad_out @ W2.T
    g_z = g_h * (z > 0).to(g_h.dtype)
    g_W1 = g_z.T @ x
    g_b1 = g_z.sum(0)
    g_x = g_z @ W1
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)
