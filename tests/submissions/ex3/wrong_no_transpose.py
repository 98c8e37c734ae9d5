import torch


def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1 + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    raise NotImplementedError
