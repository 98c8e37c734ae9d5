"""WRONG: the returned model's forward normalises its input in place (c.sub_(mean).div_(std)) before the linear layer -- breaks the rule "Inputs stay as given. A function never changes its tensor arguments" for the model the exercise hands out; shows on model(t) for any t: afterwards t holds normalised values instead of the Celsius temperatures.
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
        if c.requires_grad:
            c = c.clone()
        z = c.sub_(self.xm).div_(self.xs)          # BUG: in place on the caller's tensor
        return self.linear(z) * self.ys + self.ym


def train_converter(celsius, fahrenheit):
    xm, xs = celsius.mean().detach(), celsius.std().detach()
    ym, ys = fahrenheit.mean().detach(), fahrenheit.std().detach()
    model = _Converter(xm, xs, ym, ys)
    xn = (celsius - xm) / xs
    yn = (fahrenheit - ym) / ys
    opt = torch.optim.SGD(model.linear.parameters(), lr=0.1)
    losses = []
    for _ in range(500):
        loss = ((model.linear(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
