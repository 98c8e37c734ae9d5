"""VALID: computes in float64 internally and casts every gradient back to the input dtype; the ReLU slope is torch.heaviside(z1, 0) (0 at exactly 0); the weight gradients are accumulated example by example as outer products in a Python loop; chain_rule_example returns a namedtuple."""

import collections

import torch

Pair = collections.namedtuple("Pair", ["dL_dw", "dL_db"])


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    dt = x.dtype
    X, A, c, B, d, G = (t.double() for t in (x, W1, b1, W2, b2, grad_out))
    z1 = X @ A.T + c
    slope = torch.heaviside(z1, torch.zeros((), dtype=z1.dtype))
    a1 = z1 * slope
    g_z1 = (G @ B.T) * slope
    g_W1 = torch.zeros_like(A)
    g_W2 = torch.zeros_like(B)
    for i in range(X.shape[0]):
        g_W1 = g_W1 + torch.outer(g_z1[i], X[i])
        g_W2 = g_W2 + torch.outer(a1[i], G[i])
    out = {
        "x": g_z1 @ A,
        "W1": g_W1,
        "b1": g_z1.sum(0),
        "W2": g_W2,
        "b2": G.sum(0),
    }
    return {k: v.to(dt) for k, v in out.items()}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    return Pair(2 * z * x, 2 * z)
