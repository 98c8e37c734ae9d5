"""VALID: build_model fills the layers by slice assignment under torch.no_grad() (`model[0].weight[:] = W1`), which writes into the layer's own memory; forward uses torch.nn.functional.relu and torch.add."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    return torch.add(F.relu(torch.add(x @ W1.T, b1)) @ W2, b2)


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, W2.shape[1]))
    with torch.no_grad():
        model[0].weight[:] = W1
        model[0].bias[:] = b1
        model[2].weight[...] = W2.T
        model[2].bias[...] = b2
    return model
