"""WRONG: train starts with model.train() ("make sure we are in training mode"), switching a model that was handed over in eval mode back to training behaviour. Breaks the stub's "Train the model in the mode it is given (no switch to eval mode, which changes dropout and batch normalisation)" and the contract's "it must work for any model": for model = nn.Sequential(nn.Linear(4, 16), nn.Dropout(0.5), nn.ReLU(), nn.Linear(16, 1)) switched to eval mode, the losses differ from the reference's (which trains it in eval mode, with no dropout) from epoch 0 on, and model.training is True afterwards (verified with the same initial weights and seed).
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
    model.train()
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
