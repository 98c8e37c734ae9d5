"""WRONG (modifies the inputs only sometimes): when the training points are not already in ascending order it sorts celsius and fahrenheit in place, so the book's sorted linspace is left alone but shuffled data, e.g. c = torch.tensor([[10.], [-5.], [30.], ...]), comes back reordered."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def train_converter(celsius, fahrenheit):
    # keep the data in temperature order (handy for plotting the fit)
    order = torch.argsort(celsius[:, 0])
    if not torch.equal(order, torch.arange(len(order))):
        celsius.copy_(celsius[order])
        fahrenheit.copy_(fahrenheit[order])

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
    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
