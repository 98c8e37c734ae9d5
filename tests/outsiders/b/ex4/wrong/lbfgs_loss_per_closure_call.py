"""WRONG: trains with LBFGS and appends a loss inside the closure, i.e. one value per closure evaluation (several per optimizer.step) -- breaks "one value per epoch ... with LBFGS an epoch is one optimizer.step(closure), however often it calls the closure"; shows on the book's 50 points: 30 steps give far more than 30 losses.
"""
import torch
import torch.nn as nn


class _Converter(nn.Module):
    def __init__(self, xm, xs, ym, ys):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("xm", xm)
        self.register_buffer("xs", xs)
        self.register_buffer("ym", ym)
        self.register_buffer("ys", ys)

    def forward(self, c):
        return self.linear((c - self.xm) / self.xs) * self.ys + self.ym


def train_converter(celsius, fahrenheit):
    xm, xs = celsius.mean().detach(), celsius.std().detach()
    ym, ys = fahrenheit.mean().detach(), fahrenheit.std().detach()
    model = _Converter(xm, xs, ym, ys)
    xn = (celsius - xm) / xs
    yn = (fahrenheit - ym) / ys
    opt = torch.optim.LBFGS(model.linear.parameters(), lr=0.5, max_iter=5)
    losses = []

    def closure():
        opt.zero_grad()
        loss = ((model.linear(xn) - yn) ** 2).mean()
        loss.backward()
        losses.append(loss.item())      # BUG: every closure call, not every step
        return loss

    for _ in range(30):
        opt.step(closure)
    return model, losses
