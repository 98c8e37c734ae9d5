"""VALID: forward uses torch.addmm for the first layer and torch.einsum for the second; build_model replaces the layers' parameters with fresh nn.Parameter(...clone()) copies (the second one a non-contiguous W2.T clone) instead of copy_ under no_grad.
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    hidden = torch.relu(torch.addmm(b1, x, W1.t()))
    return torch.einsum("bh,ho->bo", hidden, W2) + b2


def build_model(W1, b1, W2, b2):
    lin1 = nn.Linear(W1.shape[1], W1.shape[0])
    lin2 = nn.Linear(W2.shape[0], W2.shape[1])
    lin1.weight = nn.Parameter(W1.detach().clone())
    lin1.bias = nn.Parameter(b1.detach().clone())
    lin2.weight = nn.Parameter(W2.detach().T.clone())
    lin2.bias = nn.Parameter(b2.detach().clone())
    return nn.Sequential(lin1, nn.ReLU(), lin2)
