"""WRONG (model depends on the batch it is given): forward standardises its input with the mean and std of the batch it receives instead of the training statistics, so model(torch.tensor([[37.]])) is nan and model(torch.tensor([[0.], [10.]])) is far off."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Converter(nn.Module):
    def __init__(self, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def normalised(self, c):
        return self.linear((c - c.mean()) / c.std())

    def forward(self, c):
        return self.normalised(c) * self.f_std + self.f_mean


def train_converter(celsius, fahrenheit):
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    y = (fahrenheit - f_mean) / f_std
    model = Converter(f_mean.detach().clone(), f_std.detach().clone())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(300):
        optimizer.zero_grad()
        loss = F.mse_loss(model.normalised(celsius), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
