"""VALID: HousePriceNet creates layer2 before layer1 (so it draws its random initial weights in another order; the attributes are still registered as layer1, activation, layer2), X_TRAIN is stacked from per-feature columns and Y_TRAIN unsqueezed from a 1-D list; train zeroes gradients at the top of the epoch with set_to_none=False and spells Adam's defaults out (betas=(0.9, 0.999), eps=1e-8, foreach=False)."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

_size = [10.0, 15.0, 20.0, 8.0, 12.0, 25.0, 9.0, 18.0]
_beds = [3.0, 4.0, 5.0, 2.0, 3.0, 6.0, 2.0, 4.0]
_baths = [2.0, 2.5, 3.0, 1.0, 2.0, 4.0, 1.0, 3.0]
_age = [2.0, 1.0, 0.5, 5.0, 3.0, 0.0, 4.0, 1.5]
X_TRAIN = torch.stack([torch.tensor(c, dtype=torch.float32) for c in (_size, _beds, _baths, _age)], dim=1)
Y_TRAIN = torch.tensor([200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0]).unsqueeze(1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        second = nn.Linear(hidden_size, output_size)
        first = nn.Linear(input_size, hidden_size)
        self.layer1 = first
        self.activation = nn.ReLU()
        self.layer2 = second

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return sum(math.prod(p.shape) for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8, foreach=False)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad(set_to_none=False)
        pred = model(X)
        loss = F.mse_loss(pred, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses
