"""WRONG: after training, the model is frozen with model.requires_grad_(False) ("inference only, saves memory") before it is returned. Breaks the stub's "Return the model you trained, with its trainable parameters": every parameter of the returned model has requires_grad == False, so it has no trainable parameters left (verified: [p.requires_grad for p in model.parameters()] == [False, False]; sum of numel over trainable parameters is 0).
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
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for epoch in range(300):
        pred = model.linear(zc)
        loss = ((pred - zf) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.requires_grad_(False)
    model.eval()
    return model, losses
