"""WRONG (transposes the weight that needs none): build_model copies W1.T into the first layer, as if W1 were (n_in, n_hidden); with W1 randn(4, 3) build_model raises a size mismatch, and with a square W1 the model computes relu(x @ W1 + b1) instead of relu(x @ W1.T + b1)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    return F.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        # nn.Linear computes x @ weight.T, so both weights get transposed
        model[0].weight.copy_(W1.T)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
