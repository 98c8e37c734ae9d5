"""WRONG: train_converter returns [model, losses], a list -- breaks "-> tuple[nn.Module, list[float]]" and the rule "a tuple means a tuple ..., not a list"; shows on the book's 50 points: type(result) is list (unpacking still works).
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
    for _ in range(500):
        loss = ((model.linear(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return [model, losses]
