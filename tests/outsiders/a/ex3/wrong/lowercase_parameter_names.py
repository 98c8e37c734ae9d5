"""WRONG: forward's parameters are spelled forward(x, w1, b1, w2, b2), so the keyword call forward(x=x, W1=W1, b1=b1, W2=W2, b2=b2) raises TypeError; breaks "The names and signatures below are the contract: keep them exactly" (forward(x, W1, b1, W2, b2))."""

import torch
import torch.nn as nn


def forward(x, w1, b1, w2, b2):
    """relu(x @ w1.T + b1) @ w2 + b2."""
    return torch.relu(x @ w1.T + b1) @ w2 + b2


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
