"""VALID: forward computes in float64 internally and casts back to the input dtype (float32 results within rounding, float64 identical); build_model seeds the global generator before creating the layers (the rules: "Seeding the global random generator is allowed" outside ex9) and then copies the values in.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    d = torch.float64
    h = F.relu(x.to(d) @ W1.to(d).T + b1.to(d))
    return (h @ W2.to(d) + b2.to(d)).to(x.dtype)


def build_model(W1, b1, W2, b2):
    torch.manual_seed(42)   # like the book's scripts; the values are overwritten anyway
    first = nn.Linear(W1.shape[1], W1.shape[0])
    second = nn.Linear(W2.shape[0], W2.shape[1])
    with torch.no_grad():
        first.weight.copy_(W1)
        first.bias.copy_(b1)
        second.weight.copy_(W2.t())
        second.bias.copy_(b2)
    return nn.Sequential(first, nn.ReLU(), second)
