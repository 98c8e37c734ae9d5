"""WRONG: forward first flattens the input with x.reshape(x.shape[0], -1) "in case it has extra dimensions". A -1 next to a 0 batch is ambiguous, so an empty batch raises. Breaks the stub's "Works for any batch size (0 and 1 included, 100 too)": forward(torch.zeros(0, 2), W1, b1, W2, b2) with the book's weights raises RuntimeError "cannot reshape tensor of 0 elements into shape [0, -1]" instead of returning a (0, 1) tensor (verified).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    x = x.reshape(x.shape[0], -1)
    h = torch.relu(x @ W1.T + b1)
    return h @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
