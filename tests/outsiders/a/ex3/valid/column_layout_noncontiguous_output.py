"""VALID: forward works in column layout (features x batch) and transposes back at the end, so its (batch, n_out) result is a non-contiguous tensor (a transposed view of its own intermediate, never of an input); build_model sets weights with copy_ of a .t() view inside no_grad."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    hidden_cols = torch.relu(W1 @ x.t() + b1.unsqueeze(1))
    out_cols = W2.t() @ hidden_cols + b2.unsqueeze(1)
    return out_cols.t()


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.t())
        model[2].bias.copy_(b2)
    return model
