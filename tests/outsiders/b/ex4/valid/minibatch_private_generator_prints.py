"""VALID: two phases -- 200 epochs of mini-batch SGD with momentum over shuffled batches of 8 (7 steps per epoch; the epoch's value is the mean of its mini-batch losses, allowed), then 100 full-batch epochs (1 step each, the loss that epoch backpropagated); shuffling with a private torch.Generator (global RNG untouched); prints progress every 50 epochs (extra output). Every value is one epoch's, so the list is the run's own.
"""
import torch
import torch.nn as nn


class Wrapper(nn.Module):
    def __init__(self, cm, cs, fm, fs):
        super().__init__()
        self.linear = nn.Linear(1, 1)
        self.cm, self.cs, self.fm, self.fs = float(cm), float(cs), float(fm), float(fs)

    def forward(self, c):
        return self.linear((c - self.cm) / self.cs) * self.fs + self.fm


def train_converter(celsius, fahrenheit):
    cm, cs = celsius.mean().item(), celsius.std().item()
    fm, fs = fahrenheit.mean().item(), fahrenheit.std().item()
    model = Wrapper(cm, cs, fm, fs)
    xn = (celsius - cm) / cs
    yn = (fahrenheit - fm) / fs
    gen = torch.Generator().manual_seed(0)
    opt = torch.optim.SGD(model.linear.parameters(), lr=0.05, momentum=0.9)
    n = xn.shape[0]
    losses = []
    for epoch in range(200):
        order = torch.randperm(n, generator=gen)
        batch_losses = []
        for start in range(0, n, 8):
            idx = order[start:start + 8]
            loss = ((model.linear(xn[idx]) - yn[idx]) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            batch_losses.append(loss.item())
        losses.append(sum(batch_losses) / len(batch_losses))
        if epoch % 50 == 0:
            print(f"epoch {epoch:4d}  loss {losses[-1]:.6f}")
    # a few full-batch steps with a small learning rate to settle the noise
    for g in opt.param_groups:
        g["lr"] = 0.01
        g["momentum"] = 0.0
    for _ in range(100):
        loss = ((model.linear(xn) - yn) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses
