"""WRONG (changes the caller's tensor): build_model copies W2.t_() into the second layer; the model is right, but t_() transposes the caller's W2 in place, so after build_model(W1, b1, W2, b2) with W2 of shape (4, 2) the caller's W2 has shape (2, 4)."""

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
        model[2].weight.copy_(W2.t_())
        model[2].bias.copy_(b2)
    return model
