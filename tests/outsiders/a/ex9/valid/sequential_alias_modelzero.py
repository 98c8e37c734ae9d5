"""VALID: HousePriceNet also keeps an nn.Sequential view of the same three modules (self.net) and forward runs it (so it still calls layer1, activation, layer2 in order; parameters() de-duplicates the shared modules); count_parameters goes through named_parameters(); train uses nn.MSELoss() and model.zero_grad()."""

import torch
import torch.nn as nn
import torch.nn.functional as F

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
        self.net = nn.Sequential(self.layer1, self.activation, self.layer2)

    def forward(self, x):
        return self.net(x)


def count_parameters(model):
    return sum(p.numel() for _, p in model.named_parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        loss = criterion(model(X), y)
        history.append(loss.item())
        model.zero_grad()
        loss.backward()
        optimizer.step()
    return history
