"""WRONG (square/transposed weights): build_model puts W2.reshape(n_out, n_hidden) into the second layer instead of W2.T, which only matches when n_out == 1 or n_hidden == 1, e.g. W1 randn(3, 4), W2 randn(3, 2): model(x) != forward(x, ...)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    hidden = F.relu(x @ W1.T + b1)
    return hidden @ W2 + b2


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
        # nn.Linear wants (n_out, n_hidden): give it that shape
        model[2].weight.copy_(W2.reshape(n_out, n_hidden))
        model[2].bias.copy_(b2)
    return model
