"""Mistake: the ReLU is not differentiated; the gradient flows through switched-off units."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    dout = grad_out
    dh = dout @ W2.T
    dz1 = dh  # relu passes the gradient on
    return {"x": dz1 @ W1, "W1": dz1.T @ x, "b1": dz1.sum(0), "W2": h.T @ dout, "b2": dout.sum(0)}


def chain_rule_example():
    z = 3.0 * 2.0 + 1.0
    return 2 * z * 2.0, 2 * z
