"""WRONG (copy_ the wrong way round): build_model calls W1.copy_(model[0].weight) and the like, which writes the layers' random initial values into the caller's W1, b1, W2, b2 and leaves the model untrained: model(x) != forward(x, ...) and the arguments come back changed."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, W2.shape[1]))
    with torch.no_grad():
        W1.copy_(model[0].weight)
        b1.copy_(model[0].bias)
        W2.copy_(model[2].weight.T)
        b2.copy_(model[2].bias)
    return model
