"""WRONG (shared state between models): build_model reuses one cached nn.Sequential per shape and copies the new values into it, so m1 = build_model(A...) is silently changed by a later build_model(B...) of the same shapes (m1(x) then equals the B network)."""

import torch
import torch.nn as nn
import torch.nn.functional as F

_MODELS = {}


def forward(x, W1, b1, W2, b2):
    return F.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    key = (n_in, n_hidden, n_out)
    if key not in _MODELS:   # building layers is slow: build each architecture once
        _MODELS[key] = nn.Sequential(
            nn.Linear(n_in, n_hidden),
            nn.ReLU(),
            nn.Linear(n_hidden, n_out),
        )
    model = _MODELS[key]
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
