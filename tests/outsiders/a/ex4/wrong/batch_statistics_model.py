"""WRONG: the returned model normalises each input batch with that batch's OWN mean and std (and un-normalises with the training targets' stats), so its prediction for a temperature depends on which other temperatures are in the batch, and model(torch.tensor([[37.0]])) is nan (std of one value); breaks "The returned model maps (M, 1) Celsius to (M, 1) predictions" and "Converged means: on temperatures it was not trained on ... the largest error is at most 0.5 °F"."""

import torch
import torch.nn as nn


class Converter(nn.Module):
    def __init__(self, f_mean, f_std):
        super().__init__()
        self.lin = nn.Linear(1, 1)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def forward(self, c):
        return self.lin((c - c.mean()) / c.std()) * self.f_std + self.f_mean


def train_converter(celsius, fahrenheit):
    f_mean, f_std = fahrenheit.mean().detach().clone(), fahrenheit.std().detach().clone()
    model = Converter(f_mean, f_std)
    yn = (fahrenheit - f_mean) / f_std
    opt = torch.optim.Adam(model.lin.parameters(), lr=0.05)
    losses = []
    for epoch in range(1000):
        loss = (((model(celsius) - f_mean) / f_std - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
