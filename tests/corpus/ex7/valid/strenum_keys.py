"""VALID: the reference's chain rule, returning its gradients under StrEnum members equal to "x", "W1", "b1", "W2", "b2" (str subclasses equal to the keys, as the contract's Types rule allows)."""

import torch
from enum import StrEnum


class K(StrEnum):
    X = "x"
    W1 = "W1"
    B1 = "b1"
    W2 = "W2"
    B2 = "b2"


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward pass, keeping what the backward pass needs
    z1 = x @ W1.T + b1  # (batch, n_hidden)
    h = torch.relu(z1)  # (batch, n_hidden)
    # out = h @ W2 + b2
    grad_W2 = h.T @ grad_out  # (n_hidden, n_out)
    grad_b2 = grad_out.sum(0)  # b2 was added to every row
    grad_h = grad_out @ W2.T  # (batch, n_hidden)
    # h = relu(z1): slope 1 where z1 > 0, 0 elsewhere (0 at exactly 0, as in PyTorch)
    grad_z1 = grad_h * (z1 > 0)
    # z1 = x @ W1.T + b1
    grad_W1 = grad_z1.T @ x  # (n_hidden, n_in), the layout of W1
    grad_b1 = grad_z1.sum(0)
    grad_x = grad_z1 @ W1  # (batch, n_in)
    return {K.X: grad_x, K.W1: grad_W1, K.B1: grad_b1, K.W2: grad_W2, K.B2: grad_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    y = w * x  # 6
    z = y + b  # 7, and L = z**2 = 49
    dL_dz = 2 * z  # 14
    # dz/dy = 1 and dz/db = 1; dy/dw = x
    return dL_dz * x, dL_dz  # (28.0, 14.0)
