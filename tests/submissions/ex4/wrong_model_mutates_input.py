import torch
import torch.nn as nn


class Converter(nn.Module):
    def __init__(self, linear, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.linear = linear
        self.c_mean, self.c_std, self.f_mean, self.f_std = c_mean, c_std, f_mean, f_std

    def forward(self, c):
        c -= self.c_mean          # normalise
        c /= self.c_std
        out = self.linear(c)
        return out * self.f_std + self.f_mean


def train_converter(celsius, fahrenheit):
    c_mean, c_std = celsius.mean(), celsius.std()
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    x = (celsius - c_mean) / c_std
    y = (fahrenheit - f_mean) / f_std
    linear = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(linear.parameters(), lr=0.1)
    losses = []
    for epoch in range(500):
        loss = nn.functional.mse_loss(linear(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return Converter(linear, c_mean, c_std, f_mean, f_std), losses
