"""WRONG: build_model sets the second weight to nn.Parameter(W2.detach().T.contiguous()); for n_out == 1 (the book's network) or n_hidden == 1, W2.T is already contiguous, so .contiguous() returns a view and the model shares W2's storage: W2[0, 0] = 9 afterwards changes model(x); breaks "build_model ... holding copies of the given values"."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    """relu(x @ W1.T + b1) @ W2 + b2."""
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    """nn.Sequential(Linear, ReLU, Linear) holding the values."""
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    first = nn.Linear(n_in, n_hidden)
    second = nn.Linear(n_hidden, n_out)
    first.weight = nn.Parameter(W1.detach().clone())
    first.bias = nn.Parameter(b1.detach().clone())
    second.weight = nn.Parameter(W2.detach().T.contiguous())
    second.bias = nn.Parameter(b2.detach().clone())
    return nn.Sequential(first, nn.ReLU(), second)
