"""WRONG (shares memory with the caller): build_model sets `layer.weight.data = W1` (and the same for b1, W2.T, b2), which makes the parameters use the caller's memory: W1.add_(1) after build_model changes model(x)."""

import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return (x @ W1.T + b1).clamp(min=0) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, W2.shape[1]))
    model[0].weight.data = W1
    model[0].bias.data = b1
    model[2].weight.data = W2.T
    model[2].bias.data = b2
    return model
