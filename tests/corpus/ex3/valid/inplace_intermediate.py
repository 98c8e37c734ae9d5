"""VALID: forward uses in-place operations (+=, relu_) but only on intermediate tensors it created itself, never on its inputs; build_model uses setattr in a loop over (layer, name, value)."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    z = x @ W1.T          # a new tensor: safe to modify in place
    z += b1
    z.relu_()
    out = z @ W2
    out += b2
    return out


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    plan = [(0, "weight", W1), (0, "bias", b1), (2, "weight", W2.T), (2, "bias", b2)]
    for index, name, value in plan:
        setattr(model[index], name, nn.Parameter(value.detach().to(torch.float32, copy=True)))
    return model
