"""WRONG: build_model copies W1 and W2 but wraps the biases as nn.Parameter(b1) / nn.Parameter(b2), which share storage with the arguments: after model = build_model(W1, b1, W2, b2), doing b1 += 1 or b2.fill_(5) changes model(x); breaks "build_model ... holding copies of the given values" and the stub's "so that changing W1 later does not change the model" (the same holds for every value it copies)."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    """relu(x @ W1.T + b1) @ W2 + b2."""
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    """nn.Sequential(Linear, ReLU, Linear) holding the values."""
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    first = nn.Linear(n_in, n_hidden)
    second = nn.Linear(n_hidden, n_out)
    first.weight = nn.Parameter(W1.detach().clone())
    first.bias = nn.Parameter(b1.detach())
    second.weight = nn.Parameter(W2.detach().T.clone())
    second.bias = nn.Parameter(b2.detach())
    return nn.Sequential(first, nn.ReLU(), second)
