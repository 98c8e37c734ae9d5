"""VALID: __init__ creates layer2 before activation and layer1, so model.parameters() / state_dict() list layer2's tensors first and a fresh model draws its random weights in another order -- the contract names the attributes and the order forward applies them, not the order they are created; count_parameters uses named_parameters.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

X_TRAIN = torch.tensor([
    [10.0, 3.0, 2.0, 2.0],
    [15.0, 4.0, 2.5, 1.0],
    [20.0, 5.0, 3.0, 0.5],
    [8.0, 2.0, 1.0, 5.0],
    [12.0, 3.0, 2.0, 3.0],
    [25.0, 6.0, 4.0, 0.0],
    [9.0, 2.0, 1.0, 4.0],
    [18.0, 4.0, 3.0, 1.5],
])
Y_TRAIN = torch.tensor([[200.0], [320.0], [450.0], [120.0], [240.0], [550.0], [140.0], [380.0]])


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer2 = nn.Linear(hidden_size, output_size)
        self.activation = nn.ReLU()
        self.layer1 = nn.Linear(input_size, hidden_size)

    def forward(self, x):
        x = self.layer1(x)
        x = self.activation(x)
        return self.layer2(x)


def count_parameters(model):
    return sum(p.numel() for _, p in model.named_parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    losses = []
    for _ in range(epochs):
        predictions = model(X)
        loss = criterion(predictions, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
