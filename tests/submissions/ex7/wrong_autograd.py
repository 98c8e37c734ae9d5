"""Mistake: the values are right, but autograd computes them."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    leaves = [t.detach().clone().requires_grad_(True) for t in (x, W1, b1, W2, b2)]
    out = torch.relu(leaves[0] @ leaves[1].T + leaves[2]) @ leaves[3] + leaves[4]
    out.backward(grad_out)
    return {name: t.grad for name, t in zip(["x", "W1", "b1", "W2", "b2"], leaves)}


def chain_rule_example():
    z = 3.0 * 2.0 + 1.0
    return 2 * z * 2.0, 2 * z
