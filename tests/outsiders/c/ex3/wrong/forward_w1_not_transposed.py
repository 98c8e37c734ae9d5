"""WRONG: forward computes x @ W1 + b1, forgetting that W1 has the nn.Linear layout (n_hidden, n_in). It reproduces the book's example exactly (x=[[2,3]], W1=[[.5,-.3],[.2,.8]] gives [[1.70]] both ways, by coincidence), so the student never notices. Breaks the contract's "forward(...): relu(x @ W1.T + b1) @ W2 + b2": with x=[[1., 0.]], W1=[[1., 2.], [0., 1.]], b1=[0., 0.], W2=[[1.], [1.]], b2=[0.] it returns [[3.]] instead of [[1.]] (verified against the formula); and it raises for any non-square W1 (e.g. n_hidden=3, n_in=2).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1 + b1)
    return h @ W2 + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model
