"""VALID: forward is written as an explicit sum over hidden units with a helper class (one rank-1 update per hidden unit, ReLU as (z + |z|) / 2); build_model returns an nn.Sequential subclass and fills the weights with copy_ under no_grad."""

import torch
import torch.nn as nn


class _TwoLayer:
    def __init__(self, W1, b1, W2, b2):
        self.W1, self.b1, self.W2, self.b2 = W1, b1, W2, b2

    def __call__(self, x):
        out = self.b2.expand(x.shape[0], self.b2.shape[0])
        for j in range(self.W1.shape[0]):
            z = x @ self.W1[j] + self.b1[j]
            a = (z + z.abs()) / 2
            out = out + a[:, None] * self.W2[j][None, :]
        return out


def forward(x, W1, b1, W2, b2):
    return _TwoLayer(W1, b1, W2, b2)(x)


class Net(nn.Sequential):
    pass


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = Net(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    with torch.no_grad():
        for dst, src in zip(model.parameters(), (W1, b1, W2.T, b2)):
            dst.copy_(src)
    return model
