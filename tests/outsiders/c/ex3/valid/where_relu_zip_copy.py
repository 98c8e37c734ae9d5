"""VALID: forward uses torch.where(z1 > 0, z1, 0.0) for the ReLU (value and gradient identical to relu, 0 at z1 == 0) and torch.mm with W1.t(); build_model builds the Sequential and copies the values parameter by parameter with zip(model.parameters(), [W1, b1, W2.T, b2]) under torch.no_grad(): copy_ writes into the layers' own tensors, never into the arguments.
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    z1 = torch.mm(x, W1.t()) + b1
    a1 = torch.where(z1 > 0, z1, 0.0)
    return torch.mm(a1, W2) + b2


def build_model(W1, b1, W2, b2):
    model = nn.Sequential(
        nn.Linear(W1.size(1), W1.size(0)),
        nn.ReLU(),
        nn.Linear(W2.size(0), W2.size(1)),
    )
    with torch.no_grad():
        for param, value in zip(model.parameters(), [W1, b1, W2.t(), b2]):
            param.copy_(value)
    return model
