"""VALID: trains a standardised nn.Linear(1, 1) with Adam, then folds the scaling into the weight and bias of a fresh nn.Linear(1, 1) that is returned as is; each epoch's value is the loss on the whole training data measured right after that epoch's step (allowed: "measured during or after that epoch").
"""
import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    cm, cs = celsius.mean(), celsius.std()
    fm, fs = fahrenheit.mean(), fahrenheit.std()
    xn = ((celsius - cm) / cs).detach()
    yn = ((fahrenheit - fm) / fs).detach()
    inner = nn.Linear(1, 1)
    opt = torch.optim.Adam(inner.parameters(), lr=0.1)
    losses = []
    for _ in range(600):
        opt.zero_grad()
        ((inner(xn) - yn) ** 2).mean().backward()
        opt.step()
        with torch.no_grad():
            losses.append(((inner(xn) - yn) ** 2).mean().item())
    out = nn.Linear(1, 1)
    with torch.no_grad():
        w = inner.weight * fs / cs
        out.weight.copy_(w)
        out.bias.copy_(inner.bias * fs + fm - w.squeeze() * cm)
    return out, losses
