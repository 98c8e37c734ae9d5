"""WRONG (a missing transpose): build_model copies W2 as it is into the second layer, whose weight is (n_out, n_hidden); with W2 randn(4, 2) build_model raises a size mismatch, and with a square W2 the model computes h @ W2.T instead of h @ W2."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    first = nn.Linear(W1.shape[1], W1.shape[0])
    second = nn.Linear(W2.shape[0], W2.shape[1])
    with torch.no_grad():
        first.weight.copy_(W1)
        first.bias.copy_(b1)
        second.weight.copy_(W2)  # same numbers as in forward
        second.bias.copy_(b2)
    return nn.Sequential(first, nn.ReLU(), second)
