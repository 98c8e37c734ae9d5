"""WRONG (edge shape n_hidden 1 loses autograd): when n_hidden == 1 forward turns b1 into a Python float with b1.item(), so with W1 randn(1, 3) and b1 requiring grad, b1 gets no gradient (values are still right)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    if b1.numel() == 1:
        b1 = b1.item()          # a single hidden unit: a scalar bias broadcasts the same
    hidden = F.relu(x @ W1.T + b1)
    return hidden @ W2 + b2


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
