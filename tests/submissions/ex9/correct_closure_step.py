"""Correct, written differently: Adam's step(closure) form (the closure clears, computes the
loss on all of X, records it and backpropagates), a functional MSE, data built with torch.stack."""

import torch
import torch.nn as nn
import torch.nn.functional as F

X_TRAIN = torch.stack([torch.tensor(row) for row in (
    [10.0, 3.0, 2.0, 2.0], [15.0, 4.0, 2.5, 1.0], [20.0, 5.0, 3.0, 0.5], [8.0, 2.0, 1.0, 5.0],
    [12.0, 3.0, 2.0, 3.0], [25.0, 6.0, 4.0, 0.0], [9.0, 2.0, 1.0, 4.0], [18.0, 4.0, 3.0, 1.5])])
Y_TRAIN = torch.tensor([[200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0]]).T.contiguous()


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        for layer in (self.layer1, self.activation, self.layer2):
            x = layer(x)
        return x


def count_parameters(model):
    return int(sum(p.numel() for p in model.parameters() if p.requires_grad))


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []

    def closure():
        optimizer.zero_grad()
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        loss.backward()
        return loss

    for _ in range(epochs):
        optimizer.step(closure)
    return losses
