"""VALID: forward written with torch.einsum (no @ or .T at all), build_model filled through load_state_dict instead of copy_."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    z = torch.einsum("bi,hi->bh", x, W1) + b1
    a = torch.relu(z)
    return torch.einsum("bh,ho->bo", a, W2) + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    state = {
        "0.weight": W1.detach().clone(),
        "0.bias": b1.detach().clone(),
        "2.weight": W2.detach().T.clone(),
        "2.bias": b2.detach().clone(),
    }
    model.load_state_dict(state)
    return model
