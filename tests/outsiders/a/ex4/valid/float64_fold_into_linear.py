"""VALID: trains a normalised float64 line with Adam, records after each epoch the MSE in raw degrees F on the whole training data (an allowed choice), and finally folds the scaling into a plain float32 nn.Linear(1, 1) (no wrapper module)."""

import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    c = celsius.detach().double()
    f = fahrenheit.detach().double()
    cm, cs = c.mean(), c.std()
    fm, fs = f.mean(), f.std()
    w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([w, b], lr=0.05)
    xn, yn = (c - cm) / cs, (f - fm) / fs
    losses = []
    for _ in range(800):
        loss = ((w * xn + b - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            pred_f = (w * xn + b) * fs + fm
            losses.append(((pred_f - f) ** 2).mean().item())
    model = nn.Linear(1, 1)
    with torch.no_grad():
        slope = w * fs / cs
        model.weight.fill_(slope.item())
        model.bias.fill_((b * fs + fm - slope * cm).item())
    return model, losses
