import torch.nn as nn
import torch.nn.functional as F


def forward(x, W1, b1, W2, b2):
    return F.linear(F.relu(F.linear(x, W1, b1)), W2.t(), b2)


def build_model(W1, b1, W2, b2):
    first, second = nn.Linear(W1.shape[1], W1.shape[0]), nn.Linear(W2.shape[0], W2.shape[1])
    first.weight.data = W1.clone()
    first.bias.data = b1.clone()
    second.weight.data = W2.t().clone()
    second.bias.data = b2.clone()
    return nn.Sequential(first, nn.ReLU(), second)
