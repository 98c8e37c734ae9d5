"""WRONG: the model's forward returns a flat vector (.view(-1)) "one prediction per temperature". Breaks the contract's "The returned model maps (M, 1) Celsius to (M, 1) predictions": model(torch.tensor([[0.], [37.], [100.]])) has shape (3,) instead of (3, 1) (verified); compared with an (M, 1) target it silently broadcasts to (M, M).
"""
import torch
import torch.nn as nn


class Converter(nn.Module):
    """nn.Linear(1, 1) on standardised Celsius, predicting standardised Fahrenheit."""

    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("c_mean", c_mean)
        self.register_buffer("c_std", c_std)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def forward(self, x):
        z = (x - self.c_mean) / self.c_std
        return (self.linear(z) * self.f_std + self.f_mean).view(-1)


def train_converter(celsius, fahrenheit):
    c = celsius.detach().clone()
    f = fahrenheit.detach().clone()
    c_mean, c_std = c.mean(), c.std()
    f_mean, f_std = f.mean(), f.std()
    model = Converter(c_mean, c_std, f_mean, f_std)
    zc = (c - c_mean) / c_std
    zf = (f - f_mean) / f_std
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for epoch in range(300):
        pred = model.linear(zc)
        loss = ((pred - zf) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
