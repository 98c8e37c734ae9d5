"""WRONG: train_converter solves the least-squares line in closed form (torch.linalg.lstsq), writes it into the nn.Linear, and then runs a short Adam "polish" so that there is a loss list. The model is exact, but the run starts at the optimum, so its losses never fall. Breaks the contract's "the loss list is finite and ends far below where it started" (stub: "the losses are finite and the last is below 1% of the first"): on the book's 50 points (linspace(-40, 100, 50), F = 1.8C + 32) losses[0] and losses[-1] are both ~1.2e-14 in standardised units, last/first ~1.0, not < 0.01 (verified; the same on narrow ranges and noisy data).
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
    # Solve the line directly (normal equations), then polish with a few Adam steps.
    A = torch.cat([zc, torch.ones_like(zc)], dim=1)
    sol = torch.linalg.lstsq(A, zf).solution
    with torch.no_grad():
        model.linear.weight.fill_(sol[0, 0].item())
        model.linear.bias.fill_(sol[1, 0].item())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-6)
    losses = []
    for epoch in range(50):
        pred = model.linear(zc)
        loss = ((pred - zf) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
