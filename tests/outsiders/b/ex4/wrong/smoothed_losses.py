"""WRONG: the returned losses are an exponential moving average of the epoch losses ("to make the curve readable") -- breaks "The list must be the run's own: thinned, truncated, smoothed or invented lists are wrong"; shows on the book's 50 points: losses[k] != the loss epoch k backpropagated (losses[1] = 0.9*losses[0] + 0.1*loss_1).
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
    opt = torch.optim.SGD(model.linear.parameters(), lr=0.1)
    losses = []
    ema = None
    for _ in range(500):
        loss = ((model.linear(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        ema = loss.item() if ema is None else 0.9 * ema + 0.1 * loss.item()
        losses.append(ema)
    return model, losses
