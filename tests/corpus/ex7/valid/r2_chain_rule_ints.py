"""VALID: the section's numbers written as ints (x, w, b = 2, 3, 1), so chain_rule_example() returns (28, 14), two ints equal to the floats asked for: the contract's Types rule accepts an int where a float is named; backward_by_hand is correct."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    dz = (grad_out @ W2.T) * (z > 0)
    return {
        "x": dz @ W1,
        "W1": dz.T @ x,
        "b1": dz.sum(0),
        "W2": h.T @ grad_out,
        "b2": grad_out.sum(0),
    }


def chain_rule_example():
    x, w, b = 2, 3, 1
    y = w * x
    z = y + b
    dL_dz = 2 * z
    dz_dy = 1
    dz_db = 1
    dy_dw = x
    return dL_dz * dz_dy * dy_dw, dL_dz * dz_db
