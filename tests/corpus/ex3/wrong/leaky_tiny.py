"""WRONG (large negative hidden values): forward uses leaky_relu with slope 1e-8 instead of ReLU, invisible at typical scales but x = [[-1e6, 0.]], W1 = eye(2), b1 = 0, W2 = ones(2, 1), b2 = 0 gives -0.01 instead of 0."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    z = x @ W1.T + b1
    # a tiny slope keeps the gradient alive for negative units
    a = F.leaky_relu(z, negative_slope=1e-8)
    return a @ W2 + b2


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
