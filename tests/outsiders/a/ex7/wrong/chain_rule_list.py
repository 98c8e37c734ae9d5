"""WRONG: chain_rule_example returns the list [28.0, 14.0] instead of a tuple; breaks "chain_rule_example() -> tuple[float, float]" and the Types rule "a tuple means a tuple ..., not a list"."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    a1 = torch.clamp(z1, min=0)
    g_W2 = a1.T @ grad_out
    g_b2 = grad_out.sum(0)
    g_a1 = grad_out @ W2.T
    g_z1 = g_a1 * (z1 > 0).to(z1.dtype)
    g_W1 = g_z1.T @ x
    g_b1 = g_z1.sum(0)
    g_x = g_z1 @ W1
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    """(dL/dw, dL/db) for x=2, w=3, b=1, y=w*x, z=y+b, L=z**2."""
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return [dL_dz * 1.0 * x, dL_dz * 1.0]
