"""VALID: computes every gradient in float64 and casts back to the input dtype, returns an OrderedDict (a dict), and chain_rule_example returns the ints (28, 14) ("Where a float is named, an int of the same value is accepted").
"""
from collections import OrderedDict

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    d = torch.float64
    X, A, a, B, c, G = (t.to(d) for t in (x, W1, b1, W2, b2, grad_out))
    z = X @ A.T + a
    h = z.clamp(min=0)
    g_h = G @ B.T
    g_z = torch.where(z > 0, g_h, torch.zeros_like(g_h))
    result = OrderedDict()
    result["x"] = (g_z @ A).to(x.dtype)
    result["W1"] = (g_z.T @ X).to(W1.dtype)
    result["b1"] = g_z.sum(0).to(b1.dtype)
    result["W2"] = (h.T @ G).to(W2.dtype)
    result["b2"] = G.sum(0).to(b2.dtype)
    return result


def chain_rule_example():
    x, w, b = 2, 3, 1
    z = w * x + b          # 7
    dL_dz = 2 * z          # 14
    return (dL_dz * 1 * x, dL_dz * 1)
