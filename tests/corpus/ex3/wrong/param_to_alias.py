"""WRONG (shares memory in some cases): build_model uses nn.Parameter(t.detach().to(torch.float32)), which copies float64 arguments but aliases float32 ones, so with float32 W1, W1.mul_(2) after building changes model(x)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    return F.relu(x @ W1.T + b1) @ W2 + b2


def _param(t):
    # nn.Linear works in float32: convert to a fresh float32 parameter
    return nn.Parameter(t.detach().to(torch.float32))


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out),
    )
    model[0].weight = _param(W1)
    model[0].bias = _param(b1)
    model[2].weight = nn.Parameter(W2.detach().T.clone().to(torch.float32))
    model[2].bias = _param(b2)
    return model
