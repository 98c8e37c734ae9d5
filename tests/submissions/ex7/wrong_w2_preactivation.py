"""Mistake: the gradient of W2 from the pre-activation, not the ReLU output."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0), "W2": z1.T @ grad_out,
            "b2": grad_out.sum(0)}


def chain_rule_example():
    z = 3.0 * 2.0 + 1.0
    return 2 * z * 2.0, 2 * z
