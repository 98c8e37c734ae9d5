"""WRONG (cache keyed on too little): forward memoises results on the id() of its five arguments, so after W1.mul_(2) (or any in-place change, or a new tensor reusing a freed id) forward(x, W1, ...) returns the stale old result."""

import torch
import torch.nn as nn
import torch.nn.functional as F

_CACHE = {}


def forward(x, W1, b1, W2, b2):
    key = (id(x), id(W1), id(b1), id(W2), id(b2))
    if key not in _CACHE:
        _CACHE[key] = F.relu(x @ W1.T + b1) @ W2 + b2
    return _CACHE[key]


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
