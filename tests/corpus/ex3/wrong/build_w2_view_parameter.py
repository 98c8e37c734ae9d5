"""WRONG (one weight shares memory with the caller): build_model copies W1, b1, b2 properly but sets the second weight to nn.Parameter(W2.T), a view of the caller's W2: W2.mul_(2) after build_model changes model(x)."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].bias.copy_(b2)
    model[2].weight = nn.Parameter(W2.T)  # nn.Linear wants the transpose
    return model
