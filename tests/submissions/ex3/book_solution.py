# The book's Solution 3, put into the contract's functions.
import torch
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    z1 = x @ W1.T + b1
    a1 = F.relu(z1)
    z2 = a1 @ W2 + b2
    return z2


def build_model(W1, b1, W2, b2):
    model = torch.nn.Sequential(
        torch.nn.Linear(W1.shape[1], W1.shape[0]),
        torch.nn.ReLU(),
        torch.nn.Linear(W2.shape[0], W2.shape[1])
    )
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
