"""WRONG (output shape): the wrapper's forward returns out.squeeze(-1), so the model maps (M, 1) to (M,) and a single temperature (1, 1) to (1,) instead of (M, 1); values are right."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Converter(nn.Module):
    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("c_mean", c_mean)
        self.register_buffer("c_std", c_std)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def normalised(self, c):
        return self.linear((c - self.c_mean) / self.c_std)

    def forward(self, c):
        out = self.normalised(c) * self.f_std + self.f_mean
        return out.squeeze(-1)        # one temperature per input


def train_converter(celsius, fahrenheit):
    stats = [t.detach().clone() for t in (celsius.mean(), celsius.std(), fahrenheit.mean(), fahrenheit.std())]
    model = Converter(*stats)
    y = (fahrenheit - stats[2]) / stats[3]
    optimizer = torch.optim.SGD(model.linear.parameters(), lr=0.1)
    losses = []
    for _ in range(300):
        optimizer.zero_grad()
        loss = F.mse_loss(model.normalised(celsius), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
