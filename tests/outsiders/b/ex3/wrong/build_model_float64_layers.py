"""WRONG: build_model builds the layers in float64 ("more precise"), so model(x) rejects float32 x with a dtype error -- breaks "build_model ... so that model(x) equals forward(x, ...)" (stub: "for float32 inputs"); shows on the book's example with float32 x: RuntimeError mat1 and mat2 must have the same dtype.
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out)).double()
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
