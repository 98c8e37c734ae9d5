"""VALID: forward is written with torch.einsum ("bi,hi->bh" is x @ W1.T, "bh,ho->bo" is h @ W2) and F.relu, differentiable in all inputs, dtype kept, any batch incl. 0. build_model sets each parameter's .data to a fresh float32 copy (W.detach().to(torch.float32, copy=True); the second weight from W2.T), so the layers own their memory, the arguments are never written to, and model(x) equals forward(x, ...) for float32 x.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    z1 = torch.einsum("bi,hi->bh", x, W1) + b1
    a1 = F.relu(z1)
    return torch.einsum("bh,ho->bo", a1, W2) + b2


def _own_copy(t):
    return t.detach().to(torch.float32, copy=True)


def build_model(W1, b1, W2, b2):
    first = nn.Linear(W1.shape[1], W1.shape[0])
    second = nn.Linear(W2.shape[0], W2.shape[1])
    first.weight.data = _own_copy(W1)
    first.bias.data = _own_copy(b1)
    second.weight.data = _own_copy(W2.T)
    second.bias.data = _own_copy(b2)
    return nn.Sequential(first, nn.ReLU(), second)
