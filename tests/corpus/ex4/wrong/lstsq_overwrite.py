"""WRONG (training that is not training): a short, unconverged SGD loop (lr=0.01, 200 epochs) produces the loss list, then the weights are overwritten with the closed-form least-squares line, so the returned model is not the trained one (on the book data the trained line is still 2-6 F off, the returned one exact, and losses[-1] is not the returned model's loss)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def train_converter(celsius, fahrenheit):
    c_mean, c_std = celsius.mean(), celsius.std()
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    x = (celsius - c_mean) / c_std
    y = (fahrenheit - f_mean) / f_std

    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.01)
    losses = []
    for _ in range(200):
        optimizer.zero_grad()
        loss = F.mse_loss(layer(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

    # polish: jump straight to the optimum of the same MSE loss
    A = torch.cat([x, torch.ones_like(x)], dim=1).double()
    sol = torch.linalg.lstsq(A, y.double()).solution.reshape(-1)
    with torch.no_grad():
        layer.weight.fill_(sol[0].item())
        layer.bias.fill_(sol[1].item())

    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
