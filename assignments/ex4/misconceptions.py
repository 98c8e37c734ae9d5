"""Common mistakes in Exercise 4. Training runs cannot be matched by rerunning them on the
same inputs, so each entry names the diagnosis its feedback must contain instead."""

import torch
import torch.nn as nn

from grader.misconceptions import misconception


@misconception("train_converter", "the book's Solution 4: raw inputs, SGD lr=0.0001, 5000 epochs",
               "Normalise the inputs (and outputs), then a larger learning rate converges in a few hundred epochs.",
               feedback_contains="training did not converge", matchable=False)
def book_loop(celsius, fahrenheit):
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0001)
    losses = []
    for _ in range(5000):
        loss = nn.functional.mse_loss(model(celsius), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


@misconception("train_converter", "learning rate too high for raw inputs (training diverges)",
               "With temperatures up to 100 the gradients are huge: normalise the inputs or lower the learning rate.",
               feedback_contains="training diverged", matchable=False)
def too_high(celsius, fahrenheit):
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses = []
    for _ in range(500):
        loss = nn.functional.mse_loss(model(celsius), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


@misconception("train_converter", "gradients never cleared (no optimizer.zero_grad())",
               "Call optimizer.zero_grad() every epoch: otherwise the gradients of all earlier epochs add up.",
               feedback_contains="Are the gradients cleared", matchable=False)
def never_cleared(celsius, fahrenheit):
    mean, std = celsius.mean(), celsius.std()
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(1000):
        loss = nn.functional.mse_loss(model((celsius - mean) / std), fahrenheit)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


@misconception("train_converter", "too few epochs", "Train until the loss stops falling: hundreds of epochs, not ten.",
               feedback_contains="training did not converge", matchable=False)
def too_few_epochs(celsius, fahrenheit):
    x = (celsius - celsius.mean()) / celsius.std()
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(10):
        loss = nn.functional.mse_loss(model(x), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


@misconception("train_converter", "the normalisation is not undone in the returned model",
               "The model is trained on normalised values; the one you return must take raw Celsius and give "
               "raw Fahrenheit. Wrap it in a module that normalises and un-normalises, or fold the scaling in.",
               feedback_contains="does not map raw inputs to raw outputs", matchable=False)
def not_undone(celsius, fahrenheit):
    x = (celsius - celsius.mean()) / celsius.std()
    y = (fahrenheit - fahrenheit.mean()) / fahrenheit.std()
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(500):
        loss = nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


@misconception("train_converter", "the Fahrenheit formula hard-coded instead of learned",
               "Fit the model to the data you are given: the grader also trains it on other scales.",
               feedback_contains="memorised the Fahrenheit formula", matchable=False)
def memorised(celsius, fahrenheit):
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.fill_(1.8)
        model.bias.fill_(32.0)
    return model, [100.0 / (epoch + 1) ** 2 for epoch in range(100)]


@misconception("train_converter", "losses recorded as tensors instead of floats",
               "Append loss.item(): a tensor keeps its epoch's whole graph alive.",
               feedback_contains="Append loss.item()", matchable=False)
def tensor_losses(celsius, fahrenheit):
    mean, std = celsius.mean(), celsius.std()
    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    losses = []
    for _ in range(1000):
        loss = nn.functional.mse_loss(layer((celsius - mean) / std), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss)
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.copy_(layer.weight / std)
        model.bias.copy_(layer.bias - layer.weight.squeeze() * mean / std)
    return model, losses


@misconception("train_converter", "the inputs normalised in place",
               "celsius -= mean changes the caller's tensor: normalise into a new tensor.",
               feedback_contains="modified its input", matchable=False)
def in_place(celsius, fahrenheit):
    mean, std = celsius.mean(), celsius.std()
    celsius.sub_(mean).div_(std)
    layer = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    losses = []
    for _ in range(1000):
        loss = nn.functional.mse_loss(layer(celsius), fahrenheit)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.copy_(layer.weight / std)
        model.bias.copy_(layer.bias - layer.weight.squeeze() * mean / std)
    return model, losses
