"""VALID: train passes a closure to Adam's step (Adam calls it exactly once per step) and writes the MSE by hand as ((pred - y) ** 2).mean(); count_parameters is a generator over parameters with an explicit int() and skips frozen ones; HousePriceNet's forward is written as one nested expression."""

import torch
import torch.nn as nn
import torch.nn.functional as F

X_TRAIN = torch.as_tensor([
    [10, 3, 2, 2],
    [15, 4, 2.5, 1],
    [20, 5, 3, 0.5],
    [8, 2, 1, 5],
    [12, 3, 2, 3],
    [25, 6, 4, 0],
    [9, 2, 1, 4],
    [18, 4, 3, 1.5],
], dtype=torch.float32)
Y_TRAIN = torch.as_tensor([200, 320, 450, 120, 240, 550, 140, 380], dtype=torch.float32).view(8, 1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return int(sum(p.numel() for p in model.parameters() if p.requires_grad))


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []

    def closure():
        pred = model(X)
        loss = ((pred - y) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        return loss

    for _ in range(epochs):
        optimizer.step(closure)
    return losses
