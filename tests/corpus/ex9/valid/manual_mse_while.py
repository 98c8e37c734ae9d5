"""VALID: the MSE is written by hand as ((pred - y) ** 2).mean(), the epochs run in a while loop, gradients are cleared with model.zero_grad() at the top of each epoch, forward loops over the three attributes, and count_parameters uses math.prod of each trainable parameter's shape."""

import math

import torch
import torch.nn as nn

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
Y_TRAIN = torch.tensor([200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0],
                       dtype=torch.float32).reshape(-1, 1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        for stage in (self.layer1, self.activation, self.layer2):
            x = stage(x)
        return x


def count_parameters(model):
    return sum(math.prod(p.shape) for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    epoch = 0
    while epoch < epochs:
        model.zero_grad()
        pred = model(X)
        loss = ((pred - y) ** 2).mean()
        history.append(float(loss.detach()))
        loss.backward()
        optimizer.step()
        epoch += 1
    return history
