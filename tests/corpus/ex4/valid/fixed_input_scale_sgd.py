"""VALID: inputs scaled by a fixed 0.01 (no statistics), raw Fahrenheit targets, plain SGD (lr 0.5, 5000 epochs), the scale folded into the returned nn.Linear: on -5..5 °C the slope is still 1.3% short, 0.117 °F off at the ends, inside the contract's 0.5 °F."""

import torch
import torch.nn as nn
import torch.nn.functional as F

SCALE = 0.01


def train_converter(celsius, fahrenheit):
    x = celsius * SCALE
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for _ in range(5000):
        loss = F.mse_loss(model(x), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    with torch.no_grad():
        model.weight.mul_(SCALE)
    return model, losses
