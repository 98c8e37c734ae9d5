import torch
import torch.nn as nn


class Converter(nn.Module):
    """Normalises its input, applies a Linear, and un-normalises the output."""

    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("stats", torch.stack([c_mean, c_std, f_mean, f_std]))

    def forward(self, c):
        c_mean, c_std, f_mean, f_std = self.stats
        return self.linear((c - c_mean) / c_std) * f_std + f_mean


def train_converter(celsius, fahrenheit):
    model = Converter(celsius.mean(), celsius.std(), fahrenheit.mean(), fahrenheit.std())
    target = (fahrenheit - fahrenheit.mean()) / fahrenheit.std()
    inputs = celsius
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses = []
    for epoch in range(1500):
        pred = model.linear((inputs - model.stats[0]) / model.stats[1])
        loss = ((pred - target) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
