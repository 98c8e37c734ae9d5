"""VALID: the chain rule written with torch.einsum: dW2[h,o] = sum_b a1[b,h] g[b,o], da1 = g W2^T, dz1 = da1 masked by z1 > 0 (torch.where with 0, so the slope at exactly 0 is 0 and any positive z1, even subnormal, passes), dW1[h,i] = sum_b dz1[b,h] x[b,i], dx = dz1 W1, biases summed over the batch. No PyTorch's automatic differentiation anywhere; einsum keeps dtypes, handles batch 0 (sums over an empty batch are zeros of the right shape) and non-contiguous/expanded inputs; inputs are never modified. chain_rule_example multiplies the local derivatives: dL/dz = 2z = 14, dz/dy = 1, dy/dw = x = 2.
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = torch.einsum("bi,hi->bh", x, W1) + b1
    a1 = torch.where(z1 > 0, z1, torch.zeros_like(z1))
    grads = {}
    grads["W2"] = torch.einsum("bh,bo->ho", a1, grad_out)
    grads["b2"] = torch.einsum("bo->o", grad_out)
    da1 = torch.einsum("bo,ho->bh", grad_out, W2)
    dz1 = torch.where(z1 > 0, da1, torch.zeros_like(da1))
    grads["W1"] = torch.einsum("bh,bi->hi", dz1, x)
    grads["b1"] = torch.einsum("bh->h", dz1)
    grads["x"] = torch.einsum("bh,hi->bi", dz1, W1)
    return grads


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2.0 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)
