"""VALID: forward uses torch.matmul with .mT, .add and F.threshold as the ReLU; build_model copies the values by iterating model.named_parameters() against a dict."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    z = torch.matmul(x, W1.mT).add(b1)
    a = F.threshold(z, 0.0, 0.0)
    return torch.matmul(a, W2).add(b2)


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    values = {"0.weight": W1, "0.bias": b1, "2.weight": W2.mT, "2.bias": b2}
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(values[name])
    return model
