"""VALID: trains an nn.Linear(1, 1) on standardised data with torch.optim.LBFGS (strong-Wolfe line search), 15 epochs where each epoch is ONE optimizer.step(closure) (the contract: "with LBFGS an epoch is one optimizer.step(closure), however often it calls the closure"); the recorded value is the loss step() returns, i.e. the loss that epoch's first closure call backpropagated. Afterwards the scaling is folded into a plain nn.Linear(1, 1) (the stub suggests exactly this), which maps (M, 1) to (M, 1), has trainable parameters that determine the predictions, and holds everything itself. Converges to the least-squares line (error < 1e-3 F) on book, narrow, Kelvin and noisy data in well under a second.
"""
import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    c = celsius.detach()
    f = fahrenheit.detach()
    cm, cs = c.mean(), c.std()
    fm, fs = f.mean(), f.std()
    zc = (c - cm) / cs
    zf = (f - fm) / fs

    inner = nn.Linear(1, 1)
    optimizer = torch.optim.LBFGS(inner.parameters(), lr=1.0, max_iter=20,
                                  line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = ((inner(zc) - zf) ** 2).mean()
        loss.backward()
        return loss

    losses = []
    for _ in range(15):
        loss = optimizer.step(closure)
        losses.append(float(loss.item()))

    # fold the standardisation into one Linear on raw Celsius
    model = nn.Linear(1, 1)
    with torch.no_grad():
        w = inner.weight * fs / cs
        model.weight.copy_(w)
        model.bias.copy_(inner.bias * fs + fm - w.reshape(()) * cm)
    return model, losses
