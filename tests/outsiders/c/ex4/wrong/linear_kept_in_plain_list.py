"""WRONG: the wrapper keeps its nn.Linear inside a plain Python list (self.layers = [nn.Linear(1, 1)]), so PyTorch never registers it: the training loop optimises layers[0] directly and the predictions are right, but the returned model has no parameters. Breaks the stub's "Return the model you trained, with its trainable parameters (not a lookup table), whose predictions depend on them (the grader nudges them ...)": list(model.parameters()) == [] and model.state_dict() has only the four statistics buffers (verified on the book's data).
"""
import torch
import torch.nn as nn


class Converter(nn.Module):
    """nn.Linear(1, 1) on standardised Celsius, predicting standardised Fahrenheit."""

    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.layers = [nn.Linear(1, 1)]
        self.register_buffer("c_mean", c_mean)
        self.register_buffer("c_std", c_std)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def forward(self, x):
        z = (x - self.c_mean) / self.c_std
        return self.layers[0](z) * self.f_std + self.f_mean


def train_converter(celsius, fahrenheit):
    c = celsius.detach().clone()
    f = fahrenheit.detach().clone()
    c_mean, c_std = c.mean(), c.std()
    f_mean, f_std = f.mean(), f.std()
    model = Converter(c_mean, c_std, f_mean, f_std)
    zc = (c - c_mean) / c_std
    zf = (f - f_mean) / f_std
    optimizer = torch.optim.SGD(model.layers[0].parameters(), lr=0.1)
    losses = []
    for epoch in range(300):
        pred = model.layers[0](zc)
        loss = ((pred - zf) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
