"""WRONG (no activation in the model): build_model returns nn.Sequential(Linear, Linear), so model(x) is (x @ W1.T + b1) @ W2 + b2 and differs from forward wherever a hidden pre-activation is negative."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    hidden = nn.Linear(W1.shape[1], W1.shape[0])
    output = nn.Linear(W2.shape[0], W2.shape[1])
    with torch.no_grad():
        hidden.weight.copy_(W1)
        hidden.bias.copy_(b1)
        output.weight.copy_(W2.T)
        output.bias.copy_(b2)
    return nn.Sequential(hidden, output)
