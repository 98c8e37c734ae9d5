"""WRONG: chain_rule_example returns a list [28.0, 14.0] -- breaks "chain_rule_example() -> tuple[float, float]" and the rule "a tuple means a tuple ..., not a list"; shows on the call itself.
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    g_W2 = h.T @ grad_out
    g_b2 = grad_out.sum(0)
    g_h = grad_out @ W2.T
    g_z = g_h * (z > 0).to(g_h.dtype)
    g_W1 = g_z.T @ x
    g_b1 = g_z.sum(0)
    g_x = g_z @ W1
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    dL_dz = 2 * (w * x + b)
    return [dL_dz * x, dL_dz]
