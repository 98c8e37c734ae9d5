"""VALID: float64 training in shuffled mini-batches of 10; each epoch's loss is the loss on the whole training data, measured once after the epoch's steps (no backward pass for it)."""

import torch
import torch.nn as nn


class Converter(nn.Module):
    def __init__(self, linear, stats):
        super().__init__()
        self.linear = linear
        self.register_buffer("stats", stats)

    def forward(self, c):
        c_mean, c_std, f_mean, f_std = self.stats
        x = (c.to(torch.float64) - c_mean) / c_std
        return (self.linear(x) * f_std + f_mean).to(c.dtype)


def train_converter(celsius, fahrenheit):
    c, f = celsius.double(), fahrenheit.double()
    stats = torch.stack([c.mean(), c.std(), f.mean(), f.std()])
    x, y = (c - stats[0]) / stats[1], (f - stats[2]) / stats[3]
    linear = nn.Linear(1, 1, dtype=torch.float64)
    optimizer = torch.optim.SGD(linear.parameters(), lr=0.05)
    gen = torch.Generator().manual_seed(1)
    losses = []
    for _ in range(80):
        for idx in torch.randperm(len(x), generator=gen).split(10):
            optimizer.zero_grad()
            ((linear(x[idx]) - y[idx]) ** 2).mean().backward()
            optimizer.step()
        with torch.no_grad():
            losses.append(((linear(x) - y) ** 2).mean().item())
    return Converter(linear, stats), losses
