"""VALID: HousePriceNet registers its layers with add_module, count_parameters flattens the trainable parameters with torch.nn.utils.parameters_to_vector (0 when there are none), and train passes keyword arguments to Adam and iterates with itertools.repeat."""

import itertools

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import parameters_to_vector

X_TRAIN = torch.tensor([[10, 3, 2, 2], [15, 4, 2.5, 1], [20, 5, 3, 0.5], [8, 2, 1, 5],
                        [12, 3, 2, 3], [25, 6, 4, 0], [9, 2, 1, 4], [18, 4, 3, 1.5]],
                       dtype=torch.float32)
Y_TRAIN = torch.tensor([[200], [320], [450], [120], [240], [550], [140], [380]], dtype=torch.float32)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.add_module("layer1", nn.Linear(input_size, hidden_size))
        self.add_module("activation", nn.ReLU())
        self.add_module("layer2", nn.Linear(hidden_size, output_size))

    def forward(self, x):
        for name in ("layer1", "activation", "layer2"):
            x = getattr(self, name)(x)
        return x


def count_parameters(model):
    trainable = [p for p in model.parameters() if p.requires_grad]
    return parameters_to_vector(trainable).numel() if trainable else 0


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr)
    out = []
    for _ in itertools.repeat(None, epochs):
        loss = F.mse_loss(input=model(X), target=y)
        out.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return out
