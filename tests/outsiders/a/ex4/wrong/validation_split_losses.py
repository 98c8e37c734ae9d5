"""WRONG: holds out every 5th pair as a validation set, trains on the rest and reports the VALIDATION loss of every epoch, so the list is not a training loss (neither the backpropagated loss nor the loss on the whole training data); breaks "returns it with the training loss of every epoch (... the loss the epoch backpropagated ... or the loss on the whole training data measured during or after that epoch)"."""

import torch
import torch.nn as nn


class Converter(nn.Module):
    """A Linear(1, 1) on normalised values; the scaling is undone inside."""

    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.lin = nn.Linear(1, 1)
        self.register_buffer("c_mean", c_mean)
        self.register_buffer("c_std", c_std)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def forward(self, c):
        return self.lin((c - self.c_mean) / self.c_std) * self.f_std + self.f_mean


def _setup(celsius, fahrenheit):
    c_mean, c_std = celsius.mean().detach().clone(), celsius.std().detach().clone()
    f_mean, f_std = fahrenheit.mean().detach().clone(), fahrenheit.std().detach().clone()
    model = Converter(c_mean, c_std, f_mean, f_std)
    xn = (celsius - c_mean) / c_std
    yn = (fahrenheit - f_mean) / f_std
    return model, xn.detach(), yn.detach()


def train_converter(celsius, fahrenheit):
    model, xn, yn = _setup(celsius, fahrenheit)
    idx = torch.arange(xn.shape[0])
    val = idx % 5 == 4
    x_tr, y_tr, x_va, y_va = xn[~val], yn[~val], xn[val], yn[val]
    opt = torch.optim.Adam(model.lin.parameters(), lr=0.05)
    losses = []
    for epoch in range(1000):
        loss = ((model.lin(x_tr) - y_tr) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            losses.append(((model.lin(x_va) - y_va) ** 2).mean().item())
    return model, losses
