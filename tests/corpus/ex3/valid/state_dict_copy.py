"""VALID: build_model copies into the tensors of model.state_dict() (they share memory with the parameters, so the layers get the values) from a zip of names and arguments; forward computes the hidden layer with torch.where."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    z = x @ W1.T + b1
    return torch.where(z > 0, z, 0.0) @ W2 + b2


def build_model(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    state = model.state_dict()
    for name, value in zip(["0.weight", "0.bias", "2.weight", "2.bias"], [W1, b1, W2.T, b2]):
        state[name].copy_(value.detach())
    return model
