import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    model = nn.Linear(1, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    losses = []
    for epoch in range(3000):
        loss = nn.functional.mse_loss(model(celsius), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.detach().numpy())
    return model, losses
