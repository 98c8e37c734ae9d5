"""WRONG (extra keys): the returned dict also carries the intermediate gradients the student printed while debugging ("z" and "h"), so sorted(backward_by_hand(...).keys()) is ['W1', 'W2', 'b1', 'b2', 'h', 'x', 'z'] instead of exactly ['W1', 'W2', 'b1', 'b2', 'x']; the five required gradients are all right."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    grads = {"b2": grad_out.sum(0), "W2": h.T @ grad_out}
    grads["h"] = grad_out @ W2.T
    grads["z"] = grads["h"] * (z > 0)
    grads["b1"] = grads["z"].sum(0)
    grads["W1"] = grads["z"].T @ x
    grads["x"] = grads["z"] @ W1
    return grads


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * 1.0 * x, dL_dz * 1.0

