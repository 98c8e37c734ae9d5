import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    mean, std = celsius.mean(), celsius.std()
    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    losses = []
    for _ in range(1000):
        loss = nn.functional.mse_loss(layer((celsius - mean) / std), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss)
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.copy_(layer.weight / std)
        model.bias.copy_(layer.bias - layer.weight.squeeze() * mean / std)
    return model, losses
