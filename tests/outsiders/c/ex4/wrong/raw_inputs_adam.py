"""WRONG: trains nn.Linear(1, 1) on the RAW Celsius/Fahrenheit values with Adam (lr=0.1, 3000 full-batch epochs): this fixes the book's divergence/slowness on the book's data (max error ~1e-4 F on -40..100) but not on a narrow range away from 0, where slope and intercept are strongly coupled and Adam crawls. Breaks "Converged means: on temperatures it was not trained on, inside the training range, the largest error is at most 0.5 F (on every data set the grader trains it on, whatever its range ...)" (stub: "other linear scales and ranges (narrow ones too)"): trained on celsius = linspace(20, 25, 30), F = 1.8C + 32, the largest error on linspace(20, 25, 101) is 2.3-2.7 F (verified for torch.manual_seed 0..3, all > 0.5 F); on linspace(0, 300, 40) with K = C + 273.15 it is ~60 K.
"""
import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    # Adam adapts the step size per parameter, so the raw temperatures are fine
    model = nn.Linear(1, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    losses = []
    for epoch in range(3000):
        pred = model(celsius)
        loss = ((pred - fahrenheit) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
