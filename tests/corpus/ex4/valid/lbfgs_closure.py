"""VALID: torch.optim.LBFGS with a closure (which LBFGS calls several times per step: more backward passes than epochs); one loss per optimizer.step(closure), the value step returns."""

import torch
import torch.nn as nn


class Converter(nn.Module):
    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("stats", torch.stack([c_mean, c_std, f_mean, f_std]))

    def forward(self, c):
        c_mean, c_std, f_mean, f_std = self.stats
        return self.linear((c - c_mean) / c_std) * f_std + f_mean


def train_converter(celsius, fahrenheit):
    model = Converter(celsius.mean(), celsius.std(), fahrenheit.mean(), fahrenheit.std())
    x = (celsius - model.stats[0]) / model.stats[1]
    y = (fahrenheit - model.stats[2]) / model.stats[3]
    optimizer = torch.optim.LBFGS(model.linear.parameters(), lr=0.5, max_iter=4)

    def closure():
        optimizer.zero_grad()
        loss = ((model.linear(x) - y) ** 2).mean()
        loss.backward()
        return loss

    losses = []
    for _ in range(20):
        losses.append(optimizer.step(closure).item())
    return model, losses
