"""WRONG (training that is not training): solves least squares in closed form and fakes the epochs by evaluating the MSE at points interpolated between the initial and the solved weights, so the losses decrease smoothly but no gradient step is ever taken (no optimizer, no backward)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def train_converter(celsius, fahrenheit):
    c = celsius.reshape(-1).double()
    f = fahrenheit.reshape(-1).double()
    c_mean, f_mean = c.mean(), f.mean()
    slope = ((c - c_mean) * (f - f_mean)).sum() / ((c - c_mean) ** 2).sum()
    intercept = f_mean - slope * c_mean

    model = nn.Linear(1, 1)
    w0 = model.weight.detach().clone()
    b0 = model.bias.detach().clone()
    target_w = torch.full_like(w0, slope.item())
    target_b = torch.full_like(b0, intercept.item())

    losses = []
    epochs = 200
    with torch.no_grad():
        for epoch in range(epochs):
            t = 1.0 - 0.97 ** (epoch + 1)          # "learning curve"
            model.weight.copy_(w0 + t * (target_w - w0))
            model.bias.copy_(b0 + t * (target_b - b0))
            losses.append(F.mse_loss(model(celsius), fahrenheit).item())
        model.weight.copy_(target_w)
        model.bias.copy_(target_b)
    return model, losses
