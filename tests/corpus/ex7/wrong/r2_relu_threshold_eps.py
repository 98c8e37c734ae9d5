"""WRONG (ReLU mask with a tolerance): units count as active only when z > 1e-12 ("treat rounding noise as zero"), but PyTorch's slope is 1 for every z > 0: x = [[1e-13]], W1 = [[1.]], b1 = [0.], W2 = [[1.]], b2 = [0.], grad_out = [[1.]] (float64) gives x and b1 gradients [[0.]] and [0.] instead of autograd's [[1.]] and [1.]."""

import torch

_EPS = 1e-12


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    active = z > _EPS
    h = torch.where(active, z, torch.zeros_like(z))
    dz = torch.where(active, grad_out @ W2.T, torch.zeros_like(z))
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

