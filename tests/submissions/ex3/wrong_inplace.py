import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    W1.t_()  # transposes W1 itself, in the caller's tensor
    return torch.relu(x @ W1 + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    model[0].weight = nn.Parameter(W1)  # shares memory with W1: not a copy
    model[0].bias = nn.Parameter(b1)
    model[2].weight = nn.Parameter(W2.T)
    model[2].bias = nn.Parameter(b2)
    return model
