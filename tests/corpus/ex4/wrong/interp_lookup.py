"""WRONG (table lookup, not a trained model): the returned model linearly interpolates the stored training pairs (exact inside the range for linear data) while the loss list comes from a throw-away nn.Linear that is trained and then discarded, so the returned model has no trained parameters at all."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Lookup(nn.Module):
    def __init__(self, xs, ys):
        super().__init__()
        order = torch.argsort(xs)
        self.register_buffer("xs", xs[order].clone())
        self.register_buffer("ys", ys[order].clone())

    def forward(self, c):
        q = c.reshape(-1)
        i = torch.searchsorted(self.xs, q).clamp(1, len(self.xs) - 1)
        x0, x1 = self.xs[i - 1], self.xs[i]
        y0, y1 = self.ys[i - 1], self.ys[i]
        t = (q - x0) / (x1 - x0)
        return (y0 + t * (y1 - y0)).reshape(-1, 1)


def train_converter(celsius, fahrenheit):
    # a small linear model, trained to report the learning curve
    c_mean, c_std = celsius.mean(), celsius.std()
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    x = (celsius - c_mean) / c_std
    y = (fahrenheit - f_mean) / f_std
    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    losses = []
    for _ in range(300):
        optimizer.zero_grad()
        loss = F.mse_loss(layer(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    # the lookup table is exact on the training points, so return that
    return Lookup(celsius.reshape(-1), fahrenheit.reshape(-1)), losses
