"""WRONG (autograd reached indirectly): the gradients come from torch.autograd.grad fetched with importlib.import_module("torch." + "autograd") on re-leafed copies; the numbers equal autograd's for every call, but the chain rule is not written out, which ex7 forbids."""

import importlib

import torch

_ag = importlib.import_module("torch." + "autograd")


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    names = ("x", "W1", "b1", "W2", "b2")
    leaves = [t.detach().clone().requires_grad_(True) for t in (x, W1, b1, W2, b2)]
    with torch.enable_grad():
        lx, lW1, lb1, lW2, lb2 = leaves
        out = torch.relu(lx @ lW1.T + lb1) @ lW2 + lb2
        grads = _ag.grad(out, leaves, grad_outputs=grad_out)
    return {n: g.detach() for n, g in zip(names, grads)}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * x, dL_dz * 1.0)
