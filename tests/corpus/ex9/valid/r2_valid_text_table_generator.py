"""VALID: the eight houses are parsed from a whitespace table in a string; the three layers are created from a (name, module) table with setattr; count_parameters is sum(map(torch.numel, filter(...))); train runs the epochs in a generator that yields each loss (taken before the step) and is drained with list()."""

import torch
import torch.nn as nn
import torch.nn.functional as F

_TABLE = """
    10.0  3.0  2.0  2.0   200.0
    15.0  4.0  2.5  1.0   320.0
    20.0  5.0  3.0  0.5   450.0
     8.0  2.0  1.0  5.0   120.0
    12.0  3.0  2.0  3.0   240.0
    25.0  6.0  4.0  0.0   550.0
     9.0  2.0  1.0  4.0   140.0
    18.0  4.0  3.0  1.5   380.0
"""
_ROWS = torch.tensor([[float(v) for v in line.split()] for line in _TABLE.strip().splitlines()])
X_TRAIN = _ROWS[:, :4].clone()
Y_TRAIN = _ROWS[:, 4:].clone()


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        for name, module in (
            ("layer1", nn.Linear(input_size, hidden_size)),
            ("activation", nn.ReLU()),
            ("layer2", nn.Linear(hidden_size, output_size)),
        ):
            setattr(self, name, module)

    def forward(self, x):
        hidden = self.activation(self.layer1(x))
        return self.layer2(hidden)


def count_parameters(model):
    return sum(map(torch.numel, filter(lambda p: p.requires_grad, model.parameters())))


def _epochs(model, X, y, epochs, optimizer):
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        yield loss.item()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    return list(_epochs(model, X, y, epochs, optimizer))
