"""WRONG: after training, the wrapper reads the learnt slope and intercept into Python floats (a "fast path" that avoids the autograd machinery) and forward computes x * slope + intercept from those floats; the nn.Linear stays registered but is no longer used. Breaks the stub's "Return the model you trained, with its trainable parameters ..., whose predictions depend on them (the grader nudges them and expects other predictions)": on the book's data, adding 0.1 to every model parameter under no_grad leaves model(torch.tensor([[37.]])) unchanged (98.6 before and after; verified).
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

        self.slope = None
        self.intercept = None

    def freeze(self):
        # fold everything into two plain numbers once training is done
        w = self.linear.weight.item()
        b = self.linear.bias.item()
        self.slope = w * self.f_std.item() / self.c_std.item()
        self.intercept = (b - w * self.c_mean.item() / self.c_std.item()) * self.f_std.item() + self.f_mean.item()

    def forward(self, x):
        if self.slope is not None:
            return x * self.slope + self.intercept
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
    model.freeze()
    return model, losses
