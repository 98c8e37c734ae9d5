"""WRONG (dtype not kept): everything is converted to float64 "for accurate gradients" and never cast back, so for float32 inputs every gradient is float64: backward_by_hand(torch.randn(3, 2), torch.randn(4, 2), torch.randn(4), torch.randn(4, 1), torch.randn(1), torch.randn(3, 1))["W1"].dtype is torch.float64 instead of torch.float32 (the values agree with autograd; float64 inputs are fine)."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    x, W1, b1, W2, b2, g = (t.double() for t in (x, W1, b1, W2, b2, grad_out))
    z = x @ W1.T + b1
    h = torch.relu(z)
    dz = (g @ W2.T) * (z > 0)
    return {
        "x": dz @ W1,
        "W1": dz.T @ x,
        "b1": dz.sum(0),
        "W2": h.T @ g,
        "b2": g.sum(0),
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * 1.0 * x, dL_dz * 1.0

