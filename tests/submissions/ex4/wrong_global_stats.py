import torch
import torch.nn as nn

# normalisation constants, filled in by train_converter
C_MEAN, C_STD, F_MEAN, F_STD = 0.0, 1.0, 0.0, 1.0


class Converter(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1, 1)

    def forward(self, c):
        return self.linear((c - C_MEAN) / C_STD) * F_STD + F_MEAN


def train_converter(celsius, fahrenheit):
    global C_MEAN, C_STD, F_MEAN, F_STD
    C_MEAN, C_STD = celsius.mean().item(), celsius.std().item()
    F_MEAN, F_STD = fahrenheit.mean().item(), fahrenheit.std().item()
    x = (celsius - C_MEAN) / C_STD
    y = (fahrenheit - F_MEAN) / F_STD
    model = Converter()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for epoch in range(500):
        loss = nn.functional.mse_loss(model.linear(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
