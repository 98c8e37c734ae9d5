"""WRONG (touches the caller's tensors): build_model calls requires_grad_(False) on the caller's W1, b1, W2, b2 before copying, so after W1 = randn(2, 2, requires_grad=True); build_model(W1, ...) the caller's W1.requires_grad is False."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    return F.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    # make sure autograd does not track the copy into the layers
    for t in (W1, b1, W2, b2):
        if t.is_leaf:
            t.requires_grad_(False)
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out),
    )
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
