"""WRONG (modifies an input and restores it): forward scales W2 in place by 2 and back by 0.5 around the matmul, so the values are right but the caller's W2 is modified during the call and backward to W2 raises 'modified by an inplace operation'."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    hidden = F.relu(x @ W1.T + b1)
    with torch.no_grad():
        W2.mul_(2.0)            # work with 2*W2 to keep small products away from underflow
    out = (hidden @ W2) * 0.5 + b2
    with torch.no_grad():
        W2.mul_(0.5)            # restore the caller's W2 exactly (powers of two)
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
