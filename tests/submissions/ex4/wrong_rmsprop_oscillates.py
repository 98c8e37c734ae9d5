import torch
from torch import nn, optim


def train_converter(celsius: torch.Tensor, fahrenheit: torch.Tensor):
    c_mu, c_sd = celsius.mean(), celsius.std(unbiased=False)
    f_mu, f_sd = fahrenheit.mean(), fahrenheit.std(unbiased=False)
    inputs = (celsius - c_mu) / c_sd
    targets = (fahrenheit - f_mu) / f_sd
    net = nn.Linear(1, 1)
    opt = optim.RMSprop(net.parameters(), lr=0.01)
    history = []
    for i in range(1500):
        out = net(inputs)
        loss = torch.nn.functional.mse_loss(out, targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    model = nn.Linear(1, 1)
    w = net.weight.detach() * f_sd / c_sd
    model.weight = nn.Parameter(w)
    model.bias = nn.Parameter(net.bias.detach() * f_sd + f_mu - w.flatten() * c_mu)
    model.requires_grad_(False)
    return model, history
