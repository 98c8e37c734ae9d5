"""VALID: forward composes the three attributes in one expression, layer2(activation(layer1(x))); count_parameters sums math.prod(p.shape) over model.parameters() (deduplicated by PyTorch) that require grad and returns an int; train uses F.mse_loss (the mean, allowed in ex9), model.zero_grad() (equivalent to optimizer.zero_grad() here, as the one Adam holds exactly model.parameters()), records loss.item() before the step, one forward/backward/step per epoch, no mode change, no seeding. X_TRAIN/Y_TRAIN are the section's data built from a list of rows (float32, (8, 4) and (8, 1) via reshape).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

_HOUSES = [
    # size, bedrooms, bathrooms, age, price
    (10.0, 3.0, 2.0, 2.0, 200.0),
    (15.0, 4.0, 2.5, 1.0, 320.0),
    (20.0, 5.0, 3.0, 0.5, 450.0),
    (8.0, 2.0, 1.0, 5.0, 120.0),
    (12.0, 3.0, 2.0, 3.0, 240.0),
    (25.0, 6.0, 4.0, 0.0, 550.0),
    (9.0, 2.0, 1.0, 4.0, 140.0),
    (18.0, 4.0, 3.0, 1.5, 380.0),
]
X_TRAIN = torch.tensor([h[:4] for h in _HOUSES], dtype=torch.float32)
Y_TRAIN = torch.tensor([h[4] for h in _HOUSES], dtype=torch.float32).reshape(-1, 1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return int(sum(math.prod(p.shape) for p in model.parameters() if p.requires_grad))


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        history.append(loss.item())
        model.zero_grad()
        loss.backward()
        optimizer.step()
    return history
