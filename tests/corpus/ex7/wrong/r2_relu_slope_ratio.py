"""WRONG (ReLU slope as a ratio): the ReLU derivative is computed as h / z (1 where h = z, 0 where h = 0), which is 0/0 = nan for a pre-activation exactly 0: x = [[1.]], W1 = [[1.]], b1 = [-1.], W2 = [[2.]], b2 = [0.], grad_out = [[1.]] gives nan for the x, W1 and b1 gradients instead of 0; random inputs never hit 0 exactly."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    slope = h / z  # 1 for positive z, 0 for negative z
    dz = (grad_out @ W2.T) * slope
    return {
        "x": dz @ W1,
        "W1": dz.T @ x,
        "b1": dz.sum(0),
        "W2": h.T @ grad_out,
        "b2": grad_out.sum(0),
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * 1.0 * x, dL_dz * 1.0

