"""WRONG (shares memory with the caller): build_model wraps the caller's tensors in nn.Parameter(W1) etc., which does not copy: after build_model, W1.add_(1) changes model(x), and training the model changes the caller's W1."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, W2.shape[1]))
    model[0].weight = nn.Parameter(W1)
    model[0].bias = nn.Parameter(b1)
    model[2].weight = nn.Parameter(W2.T)
    model[2].bias = nn.Parameter(b2)
    return model
