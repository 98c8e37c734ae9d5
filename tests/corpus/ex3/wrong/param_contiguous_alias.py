"""WRONG (shares memory in some cases): build_model wraps W2.T.contiguous() in an nn.Parameter, which is a view of W2 when n_out == 1 (the book's case), so after W2.mul_(10) the model's output changes (with n_out > 1 it is a real copy)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    return F.relu(x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    first = nn.Linear(n_in, n_hidden)
    second = nn.Linear(n_hidden, n_out)
    first.weight = nn.Parameter(W1.detach().clone())
    first.bias = nn.Parameter(b1.detach().clone())
    # .contiguous() makes a fresh, properly laid-out tensor for nn.Linear
    second.weight = nn.Parameter(W2.detach().T.contiguous())
    second.bias = nn.Parameter(b2.detach().clone())
    return nn.Sequential(first, nn.ReLU(), second)
