"""WRONG: build_model wraps clones of W1/b1/b2 in new Parameters but uses W2.T.contiguous() for the second weight, believing .contiguous() copies. When n_out == 1 (the book's case) W2.T is already contiguous, so .contiguous() returns the same view and the layer shares memory with the caller's W2. Breaks "holding copies of the given values" (stub: "the layers must share no memory with the arguments ... so that changing W1 later does not change the model"): with the book's values, after build_model, W2.mul_(2) (under no_grad) changes model(x) from [[1.70]] to [[3.40]]; model[2].weight.data_ptr() == W2.data_ptr() (verified).
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
    model[0].weight = nn.Parameter(W1.detach().clone())
    model[0].bias = nn.Parameter(b1.detach().clone())
    model[2].weight = nn.Parameter(W2.detach().T.contiguous())  # contiguous() makes a copy
    model[2].bias = nn.Parameter(b2.detach().clone())
    return model
