"""Valid: einsum for every product, torch.where for the ReLU, the mask read from h."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    h = torch.relu(torch.einsum("bi,hi->bh", x, W1) + b1)
    d_h = torch.einsum("bo,ho->bh", grad_out, W2)
    d_z = torch.where(h > 0, d_h, torch.zeros_like(d_h))
    return dict(
        x=torch.einsum("bh,hi->bi", d_z, W1),
        W1=torch.einsum("bh,bi->hi", d_z, x),
        b1=torch.einsum("bh->h", d_z),
        W2=torch.einsum("bh,bo->ho", h, grad_out),
        b2=torch.einsum("bo->o", grad_out),
    )


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    return 2 * z * x, 2 * z
