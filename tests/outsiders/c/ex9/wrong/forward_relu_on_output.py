"""WRONG: forward applies the activation a second time to the output ("house prices cannot be negative"). Breaks the contract's "whose forward(x) applies them in that order" (stub: "each once and in that order"): wherever layer2 gives a negative number the result is 0 instead of that number (e.g. an untrained HousePriceNet(4, 16, 1) on -X_TRAIN differs from layer2(relu(layer1(x)))), and a forward hook on model.activation fires twice per call instead of once (verified).
"""
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
        return self.activation(x)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        predictions = model(X)
        loss = ((predictions - y) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
