"""VALID: Adam built with its defaults spelled out (betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=False: same arithmetic), the MSE written by hand ((pred - y) ** 2).mean(), count_parameters via math.prod of the shapes, X_TRAIN from torch.as_tensor of a list and Y_TRAIN as a transposed (non-contiguous) (8, 1) view.
"""
import math

import torch
import torch.nn as nn

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
X_TRAIN = torch.as_tensor([h[:4] for h in _HOUSES], dtype=torch.float32)
Y_TRAIN = torch.as_tensor([[h[4] for h in _HOUSES]], dtype=torch.float32).T


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return sum(math.prod(p.shape) for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8,
                                 weight_decay=0, amsgrad=False, foreach=False)
    losses = []
    for epoch in range(epochs):
        pred = model(X)
        loss = ((pred - y) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
    return losses
