"""VALID: einsum for every product, the ReLU mask applied by in-place masked assignment on its OWN intermediate (g_z1[z1 <= 0] = 0, never on an input), a mask built with .float() that type-promotes back to float64 for float64 inputs, and chain_rule_example returning ints (an int is accepted where a float is named)."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = torch.einsum("bi,hi->bh", x, W1) + b1
    a1 = z1 * (z1 > 0).float()
    g_W2 = torch.einsum("bh,bo->ho", a1, grad_out)
    g_b2 = torch.einsum("bo->o", grad_out)
    g_z1 = torch.einsum("bo,ho->bh", grad_out, W2)
    g_z1[z1 <= 0] = 0
    g_W1 = torch.einsum("bh,bi->hi", g_z1, x)
    g_b1 = torch.einsum("bh->h", g_z1)
    g_x = torch.einsum("bh,hi->bi", g_z1, W1)
    return {"W2": g_W2, "b2": g_b2, "W1": g_W1, "b1": g_b1, "x": g_x}


def chain_rule_example():
    x, w, b = 2, 3, 1
    z = w * x + b
    return (2 * z * x, 2 * z)
