"""VALID: training lives in a Trainer class whose __init__ creates the single Adam and whose fit() runs the epochs (train is a thin wrapper); HousePriceNet registers its layers with add_module; count_parameters walks named_parameters."""

import torch
from torch import nn, optim

X_TRAIN = torch.as_tensor(
    [[10, 3, 2, 2], [15, 4, 2.5, 1], [20, 5, 3, 0.5], [8, 2, 1, 5],
     [12, 3, 2, 3], [25, 6, 4, 0], [9, 2, 1, 4], [18, 4, 3, 1.5]],
    dtype=torch.float32,
)
Y_TRAIN = torch.as_tensor([[200], [320], [450], [120], [240], [550], [140], [380]], dtype=torch.float32)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.add_module("layer1", nn.Linear(input_size, hidden_size))
        self.add_module("activation", nn.ReLU())
        self.add_module("layer2", nn.Linear(hidden_size, output_size))

    def forward(self, x):
        hidden = self.activation(self.layer1(x))
        return self.layer2(hidden)


def count_parameters(model):
    total = 0
    for _name, param in model.named_parameters():
        if param.requires_grad:
            total += param.numel()
    return total


class Trainer:
    def __init__(self, model, lr):
        self.model = model
        self.criterion = nn.MSELoss()
        self.optimizer = optim.Adam(model.parameters(), lr=lr)

    def epoch(self, X, y):
        loss = self.criterion(self.model(X), y)
        value = loss.item()
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return value

    def fit(self, X, y, epochs):
        return [self.epoch(X, y) for _ in range(epochs)]


def train(model, X, y, epochs, lr):
    return Trainer(model, lr).fit(X, y, epochs)


if __name__ == "__main__":
    net = HousePriceNet(4, 16, 1)
    print(count_parameters(net), train(net, X_TRAIN, Y_TRAIN, 2000, 0.01)[-1])
