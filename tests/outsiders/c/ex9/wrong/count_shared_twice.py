"""WRONG: count_parameters iterates model.named_parameters(remove_duplicate=False), so a parameter tensor shared by two layers (weight tying) is counted once per use. Breaks the contract's "count_parameters(model) -> int: the number of trainable parameter values" (stub: "Count values, not tensors"): for lin = nn.Linear(4, 4); model = nn.Sequential(lin, nn.ReLU(), lin) the model holds 20 parameter values (sum(p.numel() for p in model.parameters()) == 20, one weight and one bias tensor) but it returns 40 (verified).
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
        return x


def count_parameters(model):
    return sum(p.numel() for _, p in model.named_parameters(remove_duplicate=False) if p.requires_grad)


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
