"""WRONG: train creates a fresh torch.optim.Adam inside the epoch loop, so Adam's moment estimates restart every epoch and each step is a bias-corrected first step (about lr * sign(grad)). Breaks the contract's "takes one torch.optim.Adam(model.parameters(), lr=lr) step (one optimizer, created once, default betas)": from the same initial weights (seed 0; HousePriceNet(4, 16, 1)) on X_TRAIN, Y_TRAIN with lr=0.01, losses[0] and losses[1] agree with the one-optimizer reference, losses[7] is already off by more than 1e-4 relative, losses[49] is 86914 instead of 80825, and the final weights differ by up to 0.11 (tolerance 1e-5 + 0.05 * lr = 5.1e-4) (verified).
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
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    losses = []
    for epoch in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        predictions = model(X)
        loss = ((predictions - y) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
