"""WRONG (global state shared between returned models): every call writes its result into one module-level nn.Linear and returns that same object, so m1 = train_converter(book data) starts predicting the second scale after m2 = train_converter(c, -1.2 * c + 20)."""

import torch
import torch.nn as nn
import torch.nn.functional as F

# the converter: created once, like in the book's script
model = nn.Linear(1, 1)


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
        losses.append(loss.item())
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
