"""VALID: the epoch clears the gradients FIRST (optimizer.zero_grad(set_to_none=False), filling the existing .grad tensors with zeros), then computes the predictions, the MSE as torch.mean((pred - y) ** 2), records loss.item(), backpropagates and steps; clearing before the forward pass instead of after it is the same computation, and zero-filled vs None gradients give identical Adam steps for parameters that receive gradients (frozen ones never get a .grad, so Adam skips them either way). count_parameters deduplicates by identity explicitly. Data and model as in section 8.
"""
import torch
import torch.nn as nn

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
Y_TRAIN = torch.tensor([200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0]).unsqueeze(1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        hidden = self.activation(self.layer1(x))
        return self.layer2(hidden)


def count_parameters(model):
    seen = set()
    total = 0
    for p in model.parameters(recurse=True):
        if p.requires_grad and id(p) not in seen:
            seen.add(id(p))
            total += p.numel()
    return total


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad(set_to_none=False)
        pred = model(X)
        loss = torch.mean((pred - y) ** 2)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses
