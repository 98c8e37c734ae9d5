"""WRONG (model depends on the batch it is given): like BatchNorm, the input normaliser uses the statistics of the current batch while in training mode and the model is returned in training mode, so model(torch.tensor([[37.]])) is nan and model(torch.tensor([[0.], [10.]])) is far off unless the caller first calls model.eval()."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Converter(nn.Module):
    def __init__(self, f_mean, f_std):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.register_buffer("c_mean", torch.zeros(()))
        self.register_buffer("c_std", torch.ones(()))
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def normalised(self, c):
        if self.training:
            # batch statistics while training, like BatchNorm
            mean, std = c.mean(), c.std()
        else:
            mean, std = self.c_mean, self.c_std
        return self.linear((c - mean) / std)

    def forward(self, c):
        return self.normalised(c) * self.f_std + self.f_mean


def train_converter(celsius, fahrenheit):
    f_mean, f_std = fahrenheit.mean(), fahrenheit.std()
    y = (fahrenheit - f_mean) / f_std
    model = Converter(f_mean.detach().clone(), f_std.detach().clone())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(300):
        optimizer.zero_grad()
        loss = F.mse_loss(model.normalised(celsius), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    with torch.no_grad():          # remember the training statistics for inference
        model.c_mean.copy_(celsius.mean())
        model.c_std.copy_(celsius.std())
    return model, losses
