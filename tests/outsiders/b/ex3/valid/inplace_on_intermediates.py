"""VALID: forward uses in-place operations, but only on its own intermediate tensors (h += b1, h.relu_(), out += b2) -- the inputs are never touched and autograd still reaches all five; build_model names the layers with an OrderedDict (still nn.Sequential, still indexable model[0], model[1], model[2]).
"""
from collections import OrderedDict

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = x @ W1.T          # a new tensor
    h += b1               # in place on the intermediate, not on an input
    h.relu_()
    out = h @ W2
    out += b2
    return out


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(OrderedDict([
        ("hidden", nn.Linear(n_in, n_hidden)),
        ("relu", nn.ReLU()),
        ("output", nn.Linear(n_hidden, n_out)),
    ]))
    with torch.no_grad():
        model.hidden.weight.copy_(W1)
        model.hidden.bias.copy_(b1)
        model.output.weight.copy_(W2.T)
        model.output.bias.copy_(b2)
    return model
