"""VALID: uses Tensor.mm / .t() throughout, takes the ReLU slope as torch.sign(relu(z1)) (1 where z1 > 0, 0 elsewhere, also at exactly 0), builds the result with dict(zip(keys, values)), and chain_rule_example computes with 0-dim tensors but no autograd."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x.mm(W1.t()) + b1
    a1 = torch.relu(z1)
    slope = torch.sign(a1)
    g_a1 = grad_out.mm(W2.t())
    g_z1 = g_a1 * slope
    keys = ("x", "W1", "b1", "W2", "b2")
    values = (g_z1.mm(W1), g_z1.t().mm(x), g_z1.sum(0), a1.t().mm(grad_out), grad_out.sum(0))
    return dict(zip(keys, values))


def chain_rule_example():
    x, w, b = torch.tensor(2.0), torch.tensor(3.0), torch.tensor(1.0)
    z = w * x + b
    dL_dz = 2 * z
    return (float(dL_dz * x), float(dL_dz))
