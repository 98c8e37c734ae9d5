"""WRONG: build_model returns a hand-written nn.Module subclass (fc1 -> relu -> fc2) with the right copied values instead of an nn.Sequential. Breaks the contract's "build_model(W1, b1, W2, b2) -> nn.Module: nn.Sequential(nn.Linear, nn.ReLU, nn.Linear)" and the stub's "Return nn.Sequential(nn.Linear, nn.ReLU, nn.Linear)": isinstance(build_model(...), nn.Sequential) is False and model[0] raises TypeError ("'TwoLayer' object is not subscriptable"), although model(x) gives [[1.70]] on the book's example (verified).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return h @ W2 + b2


class TwoLayer(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = TwoLayer(n_in, n_hidden, n_out)
    with torch.no_grad():
        model.fc1.weight.copy_(W1)
        model.fc1.bias.copy_(b1)
        model.fc2.weight.copy_(W2.T)
        model.fc2.bias.copy_(b2)
    return model
