"""WRONG: forward "makes its inputs contiguous for speed" by assigning x.data = x.data.contiguous() (same for W1, W2): for a non-contiguous x (e.g. base.T) the argument object itself is re-pointed to a fresh contiguous copy, so afterwards x is contiguous, has new strides and no longer shares storage with base (base[0, 0] = 100 is no longer seen through x); values and _version stay equal; breaks "Inputs stay as given ... Tensors that are views, non-contiguous or expanded are ordinary inputs" and "no in-place operation at all, even one that leaves the values equal"."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    """relu(x @ W1.T + b1) @ W2 + b2."""
    for t in (x, W1, W2):
        if not t.is_contiguous():
            t.data = t.data.contiguous()
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    """nn.Sequential(Linear, ReLU, Linear) holding copies of the values."""
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
