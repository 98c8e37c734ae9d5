"""WRONG: build_model fills the second layer with W2.reshape(n_out, n_hidden) instead of W2.T -- identical when n_out == 1 (the book's example) but scrambled otherwise -- breaks "so that model(x) equals forward(x, ...)"; shows on W2 of shape (3, 2): model(x) != forward(x, ...).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.reshape(n_out, n_hidden))
        model[2].bias.copy_(b2)
    return model
