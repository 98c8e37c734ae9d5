"""WRONG (hidden values near 0): forward uses softplus(beta=1e4) as a "smooth ReLU", which differs from ReLU only for |z| < ~2e-3, e.g. x = zeros(1, 2), b1 = zeros(2), W2 = ones(2, 1), b2 = 0 gives 1.39e-4 instead of 0 (and the gradient wrt b1 is 0.5, not 0)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    z = x @ W1.T + b1
    a = F.softplus(z, beta=1e4)
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
