"""VALID: the reverse pass walks the hidden units one at a time (a Python loop over columns): each unit's ReLU slope, its row of the W1 gradient, its entry of the b1 gradient, its row of the W2 gradient and its contribution to the x gradient are computed from 1-D slices and stacked at the end; the x gradient is a running sum that starts from x.new_zeros, so the dtype follows the inputs."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    x, W1, b1, W2, b2, g = (t.detach() for t in (x, W1, b1, W2, b2, grad_out))
    w1_rows, b1_entries, w2_rows = [], [], []
    dx = x.new_zeros(x.shape)
    for j in range(W1.shape[0]):
        z_j = x @ W1[j] + b1[j]                   # (batch,)
        h_j = torch.clamp(z_j, min=0)
        w2_rows.append(g.T @ h_j)                 # (n_out,)
        dh_j = g @ W2[j]                          # (batch,)
        dz_j = torch.where(z_j > 0, dh_j, torch.zeros_like(dh_j))
        w1_rows.append(x.T @ dz_j)                # (n_in,)
        b1_entries.append(dz_j.sum())
        dx = dx + torch.outer(dz_j, W1[j])
    return {
        "x": dx,
        "W1": torch.stack(w1_rows) if w1_rows else torch.zeros_like(W1),
        "b1": torch.stack(b1_entries) if b1_entries else torch.zeros_like(b1),
        "W2": torch.stack(w2_rows) if w2_rows else torch.zeros_like(W2),
        "b2": g.sum(dim=0),
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    y = w * x
    z = y + b
    local = {"dL/dz": 2 * z, "dz/dy": 1.0, "dz/db": 1.0, "dy/dw": x}
    return (local["dL/dz"] * local["dz/dy"] * local["dy/dw"], local["dL/dz"] * local["dz/db"])
