"""VALID: build_model's layers are a subclass of nn.Linear whose forward calls F.linear, filled with nn.Parameter(W1.clone()) (a copy, even when W1 requires grad); forward uses F.linear too."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Dense(nn.Linear):
    """An nn.Linear that says what it computes."""

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


def forward(x, W1, b1, W2, b2):
    return F.linear(F.relu(F.linear(x, W1, b1)), W2.T, b2)


def build_model(W1, b1, W2, b2):
    first, second = Dense(W1.shape[1], W1.shape[0]), Dense(W2.shape[0], W2.shape[1])
    first.weight = nn.Parameter(W1.clone())
    first.bias = nn.Parameter(b1.clone())
    second.weight = nn.Parameter(W2.T.clone())
    second.bias = nn.Parameter(b2.clone())
    return nn.Sequential(first, nn.ReLU(), second)
