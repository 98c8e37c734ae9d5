import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    mean, std = celsius.mean(), celsius.std()
    celsius -= 0  # harmless-looking
    fahrenheit /= 1.0
    celsius.sub_(mean).div_(std)
    mean, std = torch.tensor(0.0), torch.tensor(1.0)
    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    losses = []
    for _ in range(1000):
        loss = nn.functional.mse_loss(layer((celsius - mean) / std), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.copy_(layer.weight / std)
        model.bias.copy_(layer.bias - layer.weight.squeeze() * mean / std)
    return model, losses
