"""VALID: LBFGS with a closure; one loss per optimizer.step(closure) (the loss that step returns, i.e. the loss at its start -- "with LBFGS an epoch is one optimizer.step(closure), however often it calls the closure"); normalisation kept in buffers of a wrapper module.
"""
import torch
import torch.nn as nn


class Standardised(nn.Module):
    def __init__(self, c_mean, c_std, f_mean, f_std):
        super().__init__()
        self.core = nn.Linear(1, 1)
        self.register_buffer("c_mean", c_mean)
        self.register_buffer("c_std", c_std)
        self.register_buffer("f_mean", f_mean)
        self.register_buffer("f_std", f_std)

    def forward(self, c):
        return self.core((c - self.c_mean) / self.c_std) * self.f_std + self.f_mean


def train_converter(celsius, fahrenheit):
    stats = [t.detach().clone() for t in (celsius.mean(), celsius.std(), fahrenheit.mean(), fahrenheit.std())]
    model = Standardised(*stats)
    xn = (celsius - stats[0]) / stats[1]
    yn = (fahrenheit - stats[2]) / stats[3]
    opt = torch.optim.LBFGS(model.core.parameters(), lr=1.0, max_iter=20,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = ((model.core(xn) - yn) ** 2).mean()
        loss.backward()
        return loss

    losses = []
    for _ in range(15):
        losses.append(float(opt.step(closure)))
    return model, losses
