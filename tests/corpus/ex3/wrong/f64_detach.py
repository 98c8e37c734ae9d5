"""WRONG (dtype-dependent autograd): for float64 inputs forward returns a detached result, so with float64 W1 requiring grad, forward(x, W1, ...).sum().backward() fails although float32 works."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    out = F.relu(x @ W1.T + b1) @ W2 + b2
    if out.dtype == torch.float64:
        # double precision results are for checking only: drop the graph to save memory
        out = out.detach()
    return out


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
