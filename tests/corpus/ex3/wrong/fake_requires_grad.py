"""WRONG (output looks differentiable but is not): forward computes under torch.no_grad() and then calls requires_grad_() on the result, so out.requires_grad is True but out.sum().backward() leaves every input's .grad as None."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    with torch.no_grad():
        out = F.relu(x @ W1.T + b1) @ W2 + b2
    return out.requires_grad_()


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out),
    )
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
