"""VALID: forward uses torch.einsum and in-place operations on its OWN intermediate tensors (h.add_(b1), h.clamp_(min=0), out.add_(b2)); the inputs are never touched; build_model is built from an OrderedDict with named layers and loads a state_dict of clones."""

import collections

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = torch.einsum("bi,hi->bh", x, W1)
    h.add_(b1)
    h.clamp_(min=0)
    out = torch.einsum("bh,ho->bo", h, W2)
    out.add_(b2)
    return out


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(collections.OrderedDict([
        ("hidden", nn.Linear(n_in, n_hidden)),
        ("relu", nn.ReLU()),
        ("output", nn.Linear(n_hidden, n_out)),
    ]))
    model.load_state_dict({
        "hidden.weight": W1.detach().clone(),
        "hidden.bias": b1.detach().clone(),
        "output.weight": W2.detach().T.clone(),
        "output.bias": b2.detach().clone(),
    })
    return model
