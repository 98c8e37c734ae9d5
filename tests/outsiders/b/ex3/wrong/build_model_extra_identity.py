"""WRONG: build_model appends a fourth module, nn.Identity(), "as a placeholder for an output activation" -- breaks "build_model(W1, b1, W2, b2) -> nn.Module: nn.Sequential(nn.Linear, nn.ReLU, nn.Linear)"; shows on any call: len(model) == 4 (outputs are still equal).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out), nn.Identity())
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
