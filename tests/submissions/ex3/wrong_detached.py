import torch


def forward(x, W1, b1, W2, b2):
    hidden = torch.relu(x @ W1.T + b1)
    return torch.tensor((hidden @ W2 + b2).tolist(), dtype=x.dtype)


def build_model(W1, b1, W2, b2):
    raise NotImplementedError
