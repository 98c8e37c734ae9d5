"""WRONG (dtype/precision): forward always computes in float32 and casts the result back to the input dtype, so float64 inputs get float32 precision, e.g. x = [[1 + 1e-12]] (float64), W1 = [[1.]], b1 = [-1.], W2 = [[1e12]], b2 = [0.] gives 0 instead of ~1."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    dtype = x.dtype
    x, W1, b1, W2, b2 = (t.float() for t in (x, W1, b1, W2, b2))
    out = F.relu(x @ W1.T + b1) @ W2 + b2
    return out.to(dtype)


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
