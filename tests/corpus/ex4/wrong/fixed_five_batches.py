"""WRONG (only works for the 50-point grid): each epoch walks exactly 5 mini-batches of 10 points, so with 20 training points three batches are empty, their MSE is nan and the model and losses become nan (with 200 points only the first 50 are ever used)."""

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 10
N_BATCHES = 5


def train_converter(celsius, fahrenheit):
    c_mean, c_std = celsius.mean(), celsius.std()
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    x = (celsius - c_mean) / c_std
    y = (fahrenheit - f_mean) / f_std

    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.05)
    losses = []
    for _ in range(100):
        total = 0.0
        for b in range(N_BATCHES):
            xb = x[b * BATCH:(b + 1) * BATCH]
            yb = y[b * BATCH:(b + 1) * BATCH]
            optimizer.zero_grad()
            loss = F.mse_loss(layer(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item()
        losses.append(total / N_BATCHES)

    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
