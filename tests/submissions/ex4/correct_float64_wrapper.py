import torch
import torch.nn as nn


class Converter(nn.Module):
    """Works in float64 inside and returns float64 predictions."""

    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1).double()
        self.stats = (c_mean, c_std, f_mean, f_std)

    def forward(self, c):
        c_mean, c_std, f_mean, f_std = self.stats
        return self.linear((c.double() - c_mean) / c_std) * f_std + f_mean


def train_converter(celsius, fahrenheit):
    x, y = celsius.double(), fahrenheit.double()
    model = Converter(x.mean(), x.std(), y.mean(), y.std())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(600):
        loss = ((model(x) - y) ** 2).mean() / y.var()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
