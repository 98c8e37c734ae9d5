"""VALID: returns the losses in a list subclass (EpochLosses, a list of Python floats with a helper method); the model keeps its data-derived normalisation as two plain Python lambdas next to an nn.Linear(1, 1); Adam on normalised data; the losses are the backpropagated ones."""

import torch
import torch.nn as nn


class EpochLosses(list):
    def final(self):
        return self[-1] if self else None


class LambdaConverter(nn.Module):
    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.lin = nn.Linear(1, 1)
        self.encode = lambda c: (c - c_mean) / c_std
        self.decode = lambda z: z * f_std + f_mean

    def forward(self, c):
        return self.decode(self.lin(self.encode(c)))


def train_converter(celsius, fahrenheit):
    c_mean, c_std = celsius.mean().item(), celsius.std().item()
    f_mean, f_std = fahrenheit.mean().item(), fahrenheit.std().item()
    model = LambdaConverter(c_mean, c_std, f_mean, f_std)
    xn = model.encode(celsius.detach())
    yn = (fahrenheit.detach() - f_mean) / f_std
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = EpochLosses()
    for _ in range(1000):
        loss = ((model.lin(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
