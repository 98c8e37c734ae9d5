"""WRONG: forward returns (h @ W2 + b2).squeeze() "to get rid of the extra brackets". Breaks "forward(...) -> Tensor ... shape (batch, n_out)" and the stub's "Works for any batch size (0 and 1 included ...) and layer sizes (1 included)": on the book's example (batch 1, n_out 1) it returns tensor(1.7000) of shape () instead of [[1.7000]] of shape (1, 1); with batch 5, n_out 1 it returns shape (5,) (verified).
"""
import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return (h @ W2 + b2).squeeze()


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
