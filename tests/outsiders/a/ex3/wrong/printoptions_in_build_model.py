"""WRONG: build_model calls torch.set_printoptions(precision=3) so that printing the model's weights looks tidy, and never restores the print options; after one call, str(torch.tensor([1.23456789])) is 'tensor([1.235])' instead of 'tensor([1.2346])'; breaks "Global state stays as found. ... calling a function leaves PyTorch's global settings as they were"."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    """relu(x @ W1.T + b1) @ W2 + b2."""
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
    torch.set_printoptions(precision=3)
    return model
