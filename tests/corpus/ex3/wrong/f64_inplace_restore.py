"""WRONG (modifies inputs, dtype-dependent): for float64 inputs forward halves x in place and doubles it back afterwards, so the values look untouched but x is modified during the call (x._version changes, and backward through a float64 x that requires grad fails)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    if x.dtype == torch.float64:
        # scale the input down to keep the float64 matmul well inside range,
        # then undo the scaling: powers of two are exact, so x is restored
        with torch.no_grad():
            x.mul_(0.5)
        z = x @ (2.0 * W1).T + b1
        with torch.no_grad():
            x.mul_(2.0)
    else:
        z = x @ W1.T + b1
    return F.relu(z) @ W2 + b2


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
