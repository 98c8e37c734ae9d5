"""VALID: trains in float64 internally (data, parameters and statistics all double), and the returned module casts its input to float64 and its prediction back to the input's dtype; Adam instead of SGD; the loss per epoch is the one backpropagated.
"""
import torch
import torch.nn as nn


class DoubleConverter(nn.Module):
    def __init__(self, stats):
        super().__init__()
        self.lin = nn.Linear(1, 1).double()
        self.register_buffer("stats", stats)

    def forward(self, c):
        cm, cs, fm, fs = self.stats
        z = (c.to(torch.float64) - cm) / cs
        return (self.lin(z) * fs + fm).to(c.dtype)


def train_converter(celsius, fahrenheit):
    c = celsius.detach().to(torch.float64)
    f = fahrenheit.detach().to(torch.float64)
    stats = torch.stack([c.mean(), c.std(), f.mean(), f.std()])
    model = DoubleConverter(stats)
    xn = (c - stats[0]) / stats[1]
    yn = (f - stats[2]) / stats[3]
    opt = torch.optim.Adam(model.lin.parameters(), lr=0.05)
    losses = []
    for _ in range(1500):
        loss = torch.mean((model.lin(xn) - yn) ** 2)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
