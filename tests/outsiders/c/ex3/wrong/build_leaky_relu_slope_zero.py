"""WRONG: build_model uses nn.LeakyReLU(negative_slope=0.0) as the activation ("same thing as ReLU"). Numerically it matches, but the returned model is not the required architecture. Breaks the contract's "build_model ... -> nn.Module: nn.Sequential(nn.Linear, nn.ReLU, nn.Linear)": type(build_model(...)[1]) is nn.LeakyReLU, not nn.ReLU (verified: isinstance(model[1], nn.ReLU) is False; nn.LeakyReLU is not a subclass of nn.ReLU).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return h @ W2 + b2


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
