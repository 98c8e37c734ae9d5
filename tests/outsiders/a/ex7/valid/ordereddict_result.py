"""VALID: backward_by_hand returns a collections.OrderedDict (a dict subclass, so a dict) with exactly the five keys; the chain rule is written with torch.matmul and a boolean-mask multiply."""

import collections

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = torch.matmul(x, W1.transpose(0, 1)) + b1
    on = z1 > 0
    a1 = z1 * on
    g_z1 = torch.matmul(grad_out, W2.transpose(0, 1)) * on
    grads = collections.OrderedDict()
    grads["x"] = torch.matmul(g_z1, W1)
    grads["W1"] = torch.matmul(g_z1.transpose(0, 1), x)
    grads["b1"] = g_z1.sum(dim=0)
    grads["W2"] = torch.matmul(a1.transpose(0, 1), grad_out)
    grads["b2"] = grad_out.sum(dim=0)
    return grads


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    return (2.0 * z * x, 2.0 * z)
