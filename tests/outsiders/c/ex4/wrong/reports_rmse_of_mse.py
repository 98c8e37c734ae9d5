"""WRONG: the loop backpropagates the MSE but records its square root ("RMSE is easier to read"), so every reported value is a number that was never backpropagated. Breaks the contract's "the training loss of every epoch (one value per epoch: the loss the epoch backpropagated, ...)" and "The list must be the run's own": on the book's data with torch.manual_seed(3) the backpropagated losses start 4.509, 2.911, 1.879 but the list starts 2.123, 1.706, 1.371 (their square roots; verified by wrapping Tensor.backward to record what is backpropagated).
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
        return self.linear(z) * self.f_std + self.f_mean


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
        losses.append(loss.item() ** 0.5)
    return model, losses
