"""WRONG: normalises with constants fitted to the book's data (C: mean 30, std 40; F: mean 86, std 72) instead of the data it is given, so it only learns scales that look like Fahrenheit: trained on celsius = linspace(-40, 100, 50) with targets 1000*C (another linear scale) its largest error on unseen temperatures in the range is about 9e4; breaks "Converged means ... the largest error is at most 0.5 °F (on every data set the grader trains it on, whatever its range)" and "a model that does not learn from its data fails"."""

import torch
import torch.nn as nn

C_MEAN, C_STD = 30.0, 40.0
F_MEAN, F_STD = 86.0, 72.0


class Converter(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)

    def forward(self, c):
        return self.lin((c - C_MEAN) / C_STD) * F_STD + F_MEAN


def train_converter(celsius, fahrenheit):
    model = Converter()
    xn = (celsius - C_MEAN) / C_STD
    yn = (fahrenheit - F_MEAN) / F_STD
    opt = torch.optim.Adam(model.lin.parameters(), lr=0.05)
    losses = []
    for epoch in range(1000):
        loss = ((model.lin(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
