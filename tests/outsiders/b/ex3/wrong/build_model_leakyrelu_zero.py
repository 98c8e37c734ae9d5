"""WRONG: build_model uses nn.LeakyReLU(negative_slope=0.0) as the activation -- breaks "nn.Sequential(nn.Linear, nn.ReLU, nn.Linear)" (the module must be an nn.ReLU); shows on any call: model[1] is a LeakyReLU (outputs are equal).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.LeakyReLU(0.0), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
