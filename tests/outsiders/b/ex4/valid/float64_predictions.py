"""VALID: the whole converter is float64 and the returned model gives float64 predictions even for float32 Celsius -- the contract fixes only "(M, 1) Celsius to (M, 1) predictions" for ex4 (the keep-the-dtype rule names ex2, ex3, ex5, ex7, ex8, not ex4).
"""
import torch
import torch.nn as nn


class F64Converter(nn.Module):
    def __init__(self, cm, cs, fm, fs):
        super().__init__()
        self.lin = nn.Linear(1, 1, dtype=torch.float64)
        self.cm, self.cs, self.fm, self.fs = cm, cs, fm, fs

    def forward(self, c):
        return self.lin((c.double() - self.cm) / self.cs) * self.fs + self.fm


def train_converter(celsius, fahrenheit):
    c, f = celsius.double(), fahrenheit.double()
    cm, cs, fm, fs = c.mean().item(), c.std().item(), f.mean().item(), f.std().item()
    model = F64Converter(cm, cs, fm, fs)
    xn, yn = (c - cm) / cs, (f - fm) / fs
    opt = torch.optim.SGD(model.lin.parameters(), lr=0.2)
    losses = []
    for _ in range(400):
        loss = ((model.lin(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
