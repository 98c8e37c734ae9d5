"""VALID: Adam gets only the parameters that require grad, with its defaults spelled out (betas=(0.9, 0.999), eps=1e-8, weight_decay=0); gradients are zeroed with set_to_none=False; the loss is F.mse_loss; forward is a functools.reduce over the three attributes; X_TRAIN is built from row tuples and Y_TRAIN with unsqueeze(1)."""

import functools

import torch
import torch.nn as nn
import torch.nn.functional as F

_HOUSES = (
    ((10.0, 3.0, 2.0, 2.0), 200.0),
    ((15.0, 4.0, 2.5, 1.0), 320.0),
    ((20.0, 5.0, 3.0, 0.5), 450.0),
    ((8.0, 2.0, 1.0, 5.0), 120.0),
    ((12.0, 3.0, 2.0, 3.0), 240.0),
    ((25.0, 6.0, 4.0, 0.0), 550.0),
    ((9.0, 2.0, 1.0, 4.0), 140.0),
    ((18.0, 4.0, 3.0, 1.5), 380.0),
)
X_TRAIN = torch.tensor([features for features, _ in _HOUSES], dtype=torch.float32)
Y_TRAIN = torch.tensor([price for _, price in _HOUSES], dtype=torch.float32).unsqueeze(1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(HousePriceNet, self).__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return functools.reduce(lambda h, f: f(h), (self.layer1, self.activation, self.layer2), x)


def count_parameters(model):
    return sum(p.numel() for p in filter(lambda p: p.requires_grad, model.parameters()))


def train(model, X, y, epochs, lr):
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(trainable, lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
    return losses
