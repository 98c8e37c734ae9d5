"""VALID: stops as soon as the normalised loss drops below 1e-10 (up to 5000 epochs), so the loss list has as many values as epochs actually run, usually far fewer than the cap."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Scaled(nn.Module):
    def __init__(self, inner, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.inner = inner
        self.register_buffer("stats", torch.tensor([c_mean, c_std, f_mean, f_std]))

    def forward(self, c):
        c_mean, c_std, f_mean, f_std = self.stats
        return self.inner((c - c_mean) / c_std) * f_std + f_mean


def train_converter(celsius, fahrenheit, max_epochs=5000, tol=1e-10):
    c_mean, c_std = celsius.mean().item(), celsius.std().item()
    f_mean, f_std = fahrenheit.mean().item(), fahrenheit.std().item()
    x = (celsius - c_mean) / c_std
    y = (fahrenheit - f_mean) / f_std
    inner = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(inner.parameters(), lr=0.1)
    losses = []
    for epoch in range(max_epochs):
        optimizer.zero_grad()
        loss = F.mse_loss(inner(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if losses[-1] < tol or not math.isfinite(losses[-1]):
            break
    return Scaled(inner, c_mean, c_std, f_mean, f_std), losses
