"""WRONG (square/transposed weights): forward feeds W2.reshape(n_out, n_hidden) to F.linear instead of W2.T, correct only when n_out == 1 or n_hidden == 1, e.g. W2 = randn(3, 2) gives values different from relu(x @ W1.T + b1) @ W2 + b2."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    n_hidden, n_out = W2.shape
    hidden = F.relu(F.linear(x, W1, b1))
    # F.linear expects the nn.Linear layout (out_features, in_features)
    return F.linear(hidden, W2.reshape(n_out, n_hidden), b2)


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out),
    )
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
