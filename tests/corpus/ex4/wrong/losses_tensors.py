"""WRONG (losses are not Python floats): appends loss.detach() to the list, so train_converter(book data) returns a list of 0-dim tensors (float() and math.isfinite still work on them)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def train_converter(celsius, fahrenheit):
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
        losses.append(loss.detach())
    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
