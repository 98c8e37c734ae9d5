"""WRONG: build_model returns an nn.Sequential subclass whose forward ignores its own (copied) layers and calls forward(x, W1, b1, W2, b2) on the ORIGINAL tensors it closed over -- breaks "holding copies of the given values" (stub: "so that changing W1 later does not change the model"); shows after W1.mul_(2): model(x) changes.
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]

    class _Net(nn.Sequential):
        def forward(self, x):
            return forward(x, W1, b1, W2, b2)

    model = _Net(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
