"""Correct, written differently: the three layers also wrapped in an nn.Sequential (the same
modules, so the same 97 parameters), Adam over the trainable parameters only, the loss as
torch.mean, float(...) of a detached loss, a for loop over an iterator of epochs."""

import itertools

import torch
from torch import nn, optim

X_TRAIN = torch.tensor([10.0, 3.0, 2.0, 2.0, 15.0, 4.0, 2.5, 1.0, 20.0, 5.0, 3.0, 0.5, 8.0, 2.0, 1.0, 5.0,
                        12.0, 3.0, 2.0, 3.0, 25.0, 6.0, 4.0, 0.0, 9.0, 2.0, 1.0, 4.0, 18.0, 4.0, 3.0, 1.5]).view(8, 4)
Y_TRAIN = torch.tensor([200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0]).reshape(-1, 1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)
        self.net = nn.Sequential(self.layer1, self.activation, self.layer2)

    def forward(self, x):
        return self.net(x)


def count_parameters(model):
    return sum(map(lambda p: p.numel(), filter(lambda p: p.requires_grad, model.parameters())))


def train(model, X, y, epochs, lr):
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = optim.Adam(trainable, lr)
    losses = []
    for _ in itertools.repeat(None, epochs):
        optimizer.zero_grad(set_to_none=True)
        loss = torch.mean(torch.square(y - model(X)))
        loss.backward()
        losses.append(float(loss.detach()))
        optimizer.step()
    return losses
