"""VALID: the Adam optimizer is created once, before the loop, over the model's own parameters filtered to those that require grad ([p for p in model.parameters() if p.requires_grad], default betas, lr as given): a frozen parameter never gets a gradient, so Adam with the full list would skip it anyway; the trajectory, losses and final weights are identical to Adam(model.parameters(), lr=lr). The loss is nn.MSELoss() (mean; allowed in ex9). count_parameters uses the same filter. forward uses named intermediate steps; no seeding, no mode change; epochs=0 returns [] without touching the model.
"""
import torch
import torch.nn as nn

X_TRAIN = torch.tensor(
    [[10.0, 3.0, 2.0, 2.0], [15.0, 4.0, 2.5, 1.0], [20.0, 5.0, 3.0, 0.5], [8.0, 2.0, 1.0, 5.0],
     [12.0, 3.0, 2.0, 3.0], [25.0, 6.0, 4.0, 0.0], [9.0, 2.0, 1.0, 4.0], [18.0, 4.0, 3.0, 1.5]],
    dtype=torch.float32,
)
Y_TRAIN = torch.tensor([[200.0], [320.0], [450.0], [120.0], [240.0], [550.0], [140.0], [380.0]],
                       dtype=torch.float32)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        pre = self.layer1(x)
        post = self.activation(pre)
        return self.layer2(post)


def _trainable(model):
    return [p for p in model.parameters() if p.requires_grad]


def count_parameters(model):
    return sum(p.numel() for p in _trainable(model))


def train(model, X, y, epochs, lr):
    params = _trainable(model)
    optimizer = torch.optim.Adam(params, lr=lr)
    criterion = nn.MSELoss()
    losses = []
    epoch = 0
    while epoch < epochs:
        out = model(X)
        loss = criterion(out, y)
        losses.append(float(loss.item()))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        epoch += 1
    return losses
