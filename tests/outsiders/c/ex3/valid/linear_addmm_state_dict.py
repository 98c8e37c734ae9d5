"""VALID: forward uses F.linear for the first layer (F.linear(x, W1, b1) is x @ W1.T + b1) and torch.addmm(b2, h, W2) for the second; both are differentiable in all five inputs, keep the dtype and handle batch 0/1. build_model names the layers through an OrderedDict (still nn.Sequential(nn.Linear, nn.ReLU, nn.Linear), indexable as model[0], model[2]) and fills it with load_state_dict, which copies the values into the layers' own storage (no memory shared with the arguments, arguments untouched, requires_grad of the arguments irrelevant).
"""
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
        ("relu", nn.ReLU()),
        ("output", nn.Linear(n_hidden, n_out)),
    ]))
    state = {
        "hidden.weight": W1.detach(),
        "hidden.bias": b1.detach(),
        "output.weight": W2.detach().T,
        "output.bias": b2.detach(),
    }
    model.load_state_dict(state)
    return model
