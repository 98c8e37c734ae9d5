"""WRONG: the bias gradients average over the batch (mean(0)) instead of summing -- right for a batch of 1 (the book's example) but off by the batch size otherwise -- breaks "They must equal what autograd computes" (stub: "for (out * grad_out).sum()"); shows on any batch > 1: result["b1"] and result["b2"] are 1/batch of autograd's.
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    g_W2 = h.T @ grad_out
    g_b2 = grad_out.mean(0)
    g_h = grad_out @ W2.T
    g_z = g_h * (z > 0).to(g_h.dtype)
    g_W1 = g_z.T @ x
    g_b1 = g_z.mean(0)
    g_x = g_z @ W1
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)
