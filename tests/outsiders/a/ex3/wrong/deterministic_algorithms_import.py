"""WRONG: importing the module calls torch.use_deterministic_algorithms(True) ("so that the grader sees the same numbers every time") and never restores it; torch.are_deterministic_algorithms_enabled() is True after import; breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were: ... deterministic flags"."""

import torch
import torch.nn as nn

torch.use_deterministic_algorithms(True)


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
    return model
