"""VALID: each epoch is one optimizer.step(closure) call; the closure clears the gradients, runs the forward pass on all of X, records the loss before the update and backpropagates; Adam is created once, with defaults, outside the loop."""

import torch
import torch.nn as nn
import torch.optim as optim

X_TRAIN = torch.tensor([
    [10.0, 3.0, 2.0, 2.0],
    [15.0, 4.0, 2.5, 1.0],
    [20.0, 5.0, 3.0, 0.5],
    [8.0, 2.0, 1.0, 5.0],
    [12.0, 3.0, 2.0, 3.0],
    [25.0, 6.0, 4.0, 0.0],
    [9.0, 2.0, 1.0, 4.0],
    [18.0, 4.0, 3.0, 1.5],
])

Y_TRAIN = torch.tensor([[200.0], [320.0], [450.0], [120.0], [240.0], [550.0], [140.0], [380.0]])


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr=lr)
    losses = []

    def closure():
        optimizer.zero_grad()
        loss = criterion(model(X), y)
        losses.append(loss.item())
        loss.backward()
        return loss

    for _ in range(epochs):
        optimizer.step(closure)
    return losses
