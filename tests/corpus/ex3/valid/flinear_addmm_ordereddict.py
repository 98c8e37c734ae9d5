"""VALID: forward uses F.linear for layer 1 and torch.addmm for layer 2; build_model makes an nn.Sequential from an OrderedDict with named layers (state_dict keys are hidden.*/out.*, not 0.*/2.*)."""

from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    hidden = F.relu(F.linear(x, W1, b1))
    return torch.addmm(b2, hidden, W2)


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(OrderedDict([
        ("hidden", nn.Linear(n_in, n_hidden)),
        ("act", nn.ReLU()),
        ("out", nn.Linear(n_hidden, n_out)),
    ]))
    with torch.no_grad():
        model.hidden.weight.copy_(W1)
        model.hidden.bias.copy_(b1)
        model.out.weight.copy_(W2.t())
        model.out.bias.copy_(b2)
    return model
