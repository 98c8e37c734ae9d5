"""WRONG: returns a plain Python object with __call__ (weights kept as tensors) instead of an nn.Module -- breaks "train_converter(...) -> tuple[nn.Module, list[float]]" (stub: "model: an nn.Module mapping an (M, 1) tensor ..."); shows on the book's 50 points: isinstance(model, nn.Module) is False (model(t) still predicts well).
"""
import torch
import torch.nn as nn


class Converter:
    def __init__(self, w, b):
        self.w = w
        self.b = b

    def __call__(self, c):
        return c * self.w + self.b


def train_converter(celsius, fahrenheit):
    xm, xs = celsius.mean(), celsius.std()
    ym, ys = fahrenheit.mean(), fahrenheit.std()
    xn = (celsius - xm) / xs
    yn = (fahrenheit - ym) / ys
    lin = nn.Linear(1, 1)
    opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    losses = []
    for _ in range(500):
        loss = ((lin(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    with torch.no_grad():
        w = lin.weight.item() * ys / xs
        b = ym + ys * (lin.bias.item() - lin.weight.item() * xm / xs)
    return Converter(w.detach(), b.detach()), losses
