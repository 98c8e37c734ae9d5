"""WRONG (weight decay added): Adam is created with weight_decay=1e-4 "a little regularisation never hurts"; next to the house prices' huge gradients its effect is small (but the weights still drift from the reference's within 20 epochs), and it pulls the weights even when the data gradient is exactly 0: m = nn.Linear(3, 1); X = torch.randn(4, 3); y = m(X).detach(); train(m, X, y, 5, 0.01) moves the weights (Adam normalises the tiny decay term into steps of about lr) and returns losses like [0.0, 2.8e-04, ...], while the reference leaves m unchanged and returns five zeros."""

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
], dtype=torch.float32)

Y_TRAIN = torch.tensor([
    [200.0], [320.0], [450.0], [120.0],
    [240.0], [550.0], [140.0], [380.0],
], dtype=torch.float32)


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
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)  # a little L2 regularisation
    losses = []
    for epoch in range(epochs):
        predictions = model(X)
        loss = criterion(predictions, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
