"""WRONG: records the untrained model's loss before the first epoch and then one loss per epoch, so 1000 epochs give 1001 values (the first one belongs to no epoch); breaks "the training loss of every epoch (one value per epoch ...)" and "The list must be the run's own: ... invented lists are wrong"."""

import torch
import torch.nn as nn


class Converter(nn.Module):
    """A Linear(1, 1) on normalised values; the scaling is undone inside."""

    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.lin = nn.Linear(1, 1)
        self.register_buffer("c_mean", c_mean)
        self.register_buffer("c_std", c_std)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def forward(self, c):
        return self.lin((c - self.c_mean) / self.c_std) * self.f_std + self.f_mean


def _setup(celsius, fahrenheit):
    c_mean, c_std = celsius.mean().detach().clone(), celsius.std().detach().clone()
    f_mean, f_std = fahrenheit.mean().detach().clone(), fahrenheit.std().detach().clone()
    model = Converter(c_mean, c_std, f_mean, f_std)
    xn = (celsius - c_mean) / c_std
    yn = (fahrenheit - f_mean) / f_std
    return model, xn.detach(), yn.detach()


def train_converter(celsius, fahrenheit):
    model, xn, yn = _setup(celsius, fahrenheit)
    opt = torch.optim.Adam(model.lin.parameters(), lr=0.05)
    with torch.no_grad():
        losses = [((model.lin(xn) - yn) ** 2).mean().item()]
    for epoch in range(1000):
        loss = ((model.lin(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
