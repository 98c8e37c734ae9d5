"""VALID: forward uses torch.addmm for both layers and F.relu; build_model deep-copies a template Sequential built once at import (the template itself is never handed out or changed) and loads clones of the values with load_state_dict."""

import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

_TEMPLATE = nn.Sequential(nn.Linear(1, 1), nn.ReLU(), nn.Linear(1, 1))


def forward(x, W1, b1, W2, b2):
    h = F.relu(torch.addmm(b1, x, W1.t()))
    return torch.addmm(b2, h, W2)


def build_model(W1, b1, W2, b2):
    model = copy.deepcopy(_TEMPLATE)
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model[0] = nn.Linear(n_in, n_hidden)
    model[2] = nn.Linear(n_hidden, n_out)
    model.load_state_dict({
        "0.weight": W1.detach().clone(),
        "0.bias": b1.detach().clone(),
        "2.weight": W2.detach().t().clone(),
        "2.bias": b2.detach().clone(),
    })
    return model
