"""VALID: each epoch's loss is written (detached) into a preallocated float32 tensor and the list is returned with .tolist(), which yields Python floats (epochs=0 gives []); the criterion is nn.MSELoss created once; X_TRAIN is a flat list reshaped to (8, 4) and Y_TRAIN an unsqueezed vector; count_parameters uses a generator over named_parameters()."""

import torch
import torch.nn as nn
import torch.optim as optim

X_TRAIN = torch.tensor(
    [10.0, 3.0, 2.0, 2.0, 15.0, 4.0, 2.5, 1.0, 20.0, 5.0, 3.0, 0.5, 8.0, 2.0, 1.0, 5.0,
     12.0, 3.0, 2.0, 3.0, 25.0, 6.0, 4.0, 0.0, 9.0, 2.0, 1.0, 4.0, 18.0, 4.0, 3.0, 1.5],
    dtype=torch.float32,
).reshape(8, 4)
Y_TRAIN = torch.tensor([200.0, 320.0, 450.0, 120.0, 240.0, 550.0, 140.0, 380.0]).unsqueeze(-1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(in_features=input_size, out_features=hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(in_features=hidden_size, out_features=output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return sum(p.numel() for _, p in model.named_parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr)
    record = torch.empty(epochs, dtype=torch.float32)
    for epoch in range(epochs):
        loss = criterion(model(X), y)
        record[epoch] = loss.detach()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return record.tolist()
