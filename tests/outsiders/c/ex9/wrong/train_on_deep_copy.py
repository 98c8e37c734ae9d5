"""WRONG: train deep-copies the model, trains the copy ("so a crash cannot leave the model half-trained") and loads the copy's state_dict back at the end. The numbers match, but the optimizer never holds the model's own parameters and they never receive gradients. Breaks the stub's "the optimizer holding the model's own parameters (no copy of the model)" and the contract's "the section's training loop, in place on model": after train(model, X_TRAIN, Y_TRAIN, 5, 0.01) every model parameter's .grad is None, while the reference loop leaves the last epoch's gradients in them (verified); hooks registered on the model's parameters never fire.
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


import copy


def train(model, X, y, epochs, lr):
    original = model
    model = copy.deepcopy(original)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        predictions = model(X)
        loss = ((predictions - y) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    original.load_state_dict(model.state_dict())
    return losses
