"""VALID: the loss is torch.mean(torch.square(pred - y)); the gradients are cleared by setting every parameter's .grad to None by hand (what zero_grad() does by default) before torch.autograd.backward(loss); the losses are read with float(loss.detach()); the loop runs under torch.enable_grad() so a caller's no_grad() cannot break it; X_TRAIN is built column by column with torch.stack."""

import torch
from torch import nn, optim

_SIZE = [10.0, 15.0, 20.0, 8.0, 12.0, 25.0, 9.0, 18.0]
_BEDROOMS = [3.0, 4.0, 5.0, 2.0, 3.0, 6.0, 2.0, 4.0]
_BATHROOMS = [2.0, 2.5, 3.0, 1.0, 2.0, 4.0, 1.0, 3.0]
_AGE = [2.0, 1.0, 0.5, 5.0, 3.0, 0.0, 4.0, 1.5]
_PRICE = [200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0]

X_TRAIN = torch.stack([torch.tensor(c, dtype=torch.float32) for c in (_SIZE, _BEDROOMS, _BATHROOMS, _AGE)], dim=1)
Y_TRAIN = torch.tensor(_PRICE, dtype=torch.float32).reshape(-1, 1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        nn.Module.__init__(self)
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        out = x
        for layer in (self.layer1, self.activation, self.layer2):
            out = layer(out)
        return out


def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += p.nelement()
    return total


def train(model, X, y, epochs, lr):
    params = list(model.parameters())
    optimizer = optim.Adam(params, lr=lr)
    losses = []
    with torch.enable_grad():
        for _ in range(epochs):
            loss = torch.mean(torch.square(model(X) - y))
            losses.append(float(loss.detach()))
            for p in params:
                p.grad = None
            torch.autograd.backward(loss)
            optimizer.step()
    return losses
