"""WRONG (fitted in closed form, invented losses): the line comes from least squares and the "loss of every epoch" is a made-up geometric sequence starting at the initial MSE, so no epoch was ever run; any book run shows losses that no optimizer produced (e.g. exactly losses[k+1] == 0.95 * losses[k])."""

import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    c = celsius.reshape(-1)
    f = fahrenheit.reshape(-1)
    c_mean, f_mean = c.mean(), f.mean()
    slope = ((c - c_mean) * (f - f_mean)).sum() / ((c - c_mean) ** 2).sum()
    intercept = f_mean - slope * c_mean

    model = nn.Linear(1, 1)
    with torch.no_grad():
        start = ((model(celsius) - fahrenheit) ** 2).mean().item()
        model.weight.fill_(slope.item())
        model.bias.fill_(intercept.item())

    losses = [start * 0.95 ** epoch for epoch in range(400)]
    return model, losses
