"""VALID: build_model returns a subclass of nn.Sequential whose own forward applies its layers' weights with F.linear and F.relu (instead of calling the layers); the weights are copied in with load_state_dict from W2.t().contiguous()."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class TwoLayers(nn.Sequential):
    def forward(self, x):
        hidden = F.relu(F.linear(x, self[0].weight, self[0].bias))
        return F.linear(hidden, self[2].weight, self[2].bias)


def forward(x, W1, b1, W2, b2):
    return torch.clamp(x @ W1.T + b1, min=0) @ W2 + b2


def build_model(W1, b1, W2, b2):
    model = TwoLayers(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    model.load_state_dict({"0.weight": W1, "0.bias": b1, "2.weight": W2.t().contiguous(), "2.bias": b2})
    return model
