"""WRONG: train calls torch.manual_seed(0) before its loop ("reproducible training"), so for a model with dropout the masks come from a re-seeded generator, not from the random state the caller left: train on nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 1)) gives different losses and weights than the reference run from the same state (and calling torch.rand afterwards gives the same numbers every time); breaks "Seeding the global random generator is allowed ..., unless an exercise's results depend on it (ex9)"."""

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
], dtype=torch.float32)
Y_TRAIN = torch.tensor([[200.0], [320.0], [450.0], [120.0],
                        [240.0], [550.0], [140.0], [380.0]], dtype=torch.float32)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        x = self.layer1(x)
        x = self.activation(x)
        x = self.layer2(x)
        return x


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    torch.manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        predictions = model(X)
        loss = F.mse_loss(predictions, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
