"""WRONG (loss list truncated): only the 250-epoch warm-up is logged, not the 300-epoch fine-tune that follows, so the book run returns 250 losses for 550 optimizer steps and losses[-1] is not the loss of the returned model."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def train_converter(celsius, fahrenheit):
    c_mean, c_std = celsius.mean(), celsius.std()
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    x = (celsius - c_mean) / c_std
    y = (fahrenheit - f_mean) / f_std

    layer = nn.Linear(1, 1)
    losses = []
    # phase 1: gentle warm-up
    warmup = torch.optim.SGD(layer.parameters(), lr=0.01)
    for _ in range(250):
        warmup.zero_grad()
        loss = F.mse_loss(layer(x), y)
        loss.backward()
        warmup.step()
        losses.append(loss.item())
    # phase 2: fine-tune with a bigger step
    finetune = torch.optim.SGD(layer.parameters(), lr=0.1)
    for _ in range(300):
        finetune.zero_grad()
        loss = F.mse_loss(layer(x), y)
        loss.backward()
        finetune.step()

    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = layer.weight * f_std / c_std
        model.weight.copy_(w)
        model.bias.copy_(f_mean + f_std * layer.bias - w.reshape(-1) * c_mean)
    return model, losses
