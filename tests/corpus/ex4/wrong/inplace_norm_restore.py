"""WRONG (modifies the inputs): normalises celsius and fahrenheit in place for training and "restores" them afterwards with the inverse operations, so during the call the caller's tensors hold normalised values and afterwards some elements differ by rounding (torch.equal with a saved copy is False on the book data)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def train_converter(celsius, fahrenheit):
    c_mean, c_std = celsius.mean(), celsius.std()
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    # normalise in place (no extra copies), undone at the end
    with torch.no_grad():
        celsius.sub_(c_mean).div_(c_std)
        fahrenheit.sub_(f_mean).div_(f_std)

    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    losses = []
    for _ in range(300):
        optimizer.zero_grad()
        loss = F.mse_loss(layer(celsius), fahrenheit)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

    with torch.no_grad():
        celsius.mul_(c_std).add_(c_mean)
        fahrenheit.mul_(f_std).add_(f_mean)

    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
