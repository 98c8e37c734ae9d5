"""WRONG: build_model loads the second layer with W2.reshape(n_out, n_hidden) instead of W2.T. For the book's n_out = 1 the two are identical, so the example passes. Breaks the contract's "build_model ... so that model(x) equals forward(x, ...)" (stub: "The second layer's weight has shape (n_out, n_hidden): that is W2 transposed"): with W2 = [[1., 2.], [3., 4.]] (n_hidden = n_out = 2), W1 = eye(2), zero biases and x = [[1., 1.]], model(x) = [[3., 7.]] but forward gives [[4., 6.]] (verified).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return h @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.reshape(n_out, n_hidden))
        model[2].bias.copy_(b2)
    return model
