import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    x = (celsius - celsius.mean()) / celsius.std()
    y = fahrenheit.squeeze()          # targets as a flat vector
    model = nn.Linear(1, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    criterion = nn.MSELoss()
    losses = []
    for epoch in range(2000):
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    final = nn.Linear(1, 1)
    with torch.no_grad():
        final.weight.copy_(model.weight / celsius.std())
        final.bias.copy_(model.bias - model.weight.squeeze() * celsius.mean() / celsius.std())
    return final, losses
