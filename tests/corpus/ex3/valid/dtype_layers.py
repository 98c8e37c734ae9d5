"""VALID: build_model creates the layers with dtype=W1.dtype (a float64 model for float64 weights) and copies via .data.copy_; forward uses clamp(min=0) and torch.mm."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    z = torch.mm(x, W1.t()) + b1.unsqueeze(0)
    a = z.clamp(min=0)
    return torch.mm(a, W2) + b2.unsqueeze(0)


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    dt = W1.dtype
    layers = [
        nn.Linear(n_in, n_hidden, dtype=dt),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out, dtype=dt),
    ]
    layers[0].weight.data.copy_(W1)
    layers[0].bias.data.copy_(b1)
    layers[2].weight.data.copy_(W2.t())
    layers[2].bias.data.copy_(b2)
    return nn.Sequential(*layers)
