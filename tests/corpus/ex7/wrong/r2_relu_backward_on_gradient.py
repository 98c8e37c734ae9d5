"""WRONG (ReLU applied to the gradient): the ReLU step of the backward pass is dz = relu(dh), i.e. negative gradients are dropped, instead of masking dh by where the pre-activation z is positive; the book's net with grad_out = [[1.]] has both units active and dh = [[.4, .6]] > 0, so it matches, but the same net with grad_out = [[-1.]] gives zero gradients for x, W1 and b1 instead of -[[0.32, 0.36]], -[[0.8, 1.2], [1.2, 1.8]] and -[0.4, 0.6]."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    dh = grad_out @ W2.T
    dz = torch.relu(dh)  # backward through the ReLU
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

