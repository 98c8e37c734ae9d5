"""WRONG: the returned dict also carries the hidden layer's gradient under "h" ("useful for debugging") -- breaks "returns {"x", "W1", "b1", "W2", "b2"}" (stub: "exactly these keys"); shows on every call: sorted(result) has six keys.
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
    grads = {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}
    grads["h"] = g_h
    return grads


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)
