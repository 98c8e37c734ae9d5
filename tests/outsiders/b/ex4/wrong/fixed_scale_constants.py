"""WRONG: scales inputs and outputs by fixed constants tuned to the book's range (C/100, F/100) and trains plain SGD(lr=0.3) for 3000 epochs -- fine on the book's -40..100 data, but it diverges on a wider Celsius range -- breaks "Converged means ... at most 0.5 °F (on every data set the grader trains it on, whatever its range)"; shows on Celsius linspace(0, 1000, 50), F = 1.8C + 32: the loss goes to inf/nan.
"""
import torch
import torch.nn as nn

SCALE = 100.0


class _Converter(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1, 1)

    def forward(self, c):
        return self.linear(c / SCALE) * SCALE


def train_converter(celsius, fahrenheit):
    model = _Converter()
    xn = celsius / SCALE
    yn = fahrenheit / SCALE
    opt = torch.optim.SGD(model.linear.parameters(), lr=0.3)
    losses = []
    for _ in range(3000):
        loss = ((model.linear(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
