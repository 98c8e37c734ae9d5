"""Correct, written differently: the loss by hand, gradients cleared at the end of each epoch
(set_to_none=False), model.zero_grad(), data reshaped, forward in one expression."""

import torch
import torch.nn as nn

_rows = [[10, 3, 2, 2], [15, 4, 2.5, 1], [20, 5, 3, 0.5], [8, 2, 1, 5],
         [12, 3, 2, 3], [25, 6, 4, 0], [9, 2, 1, 4], [18, 4, 3, 1.5]]
X_TRAIN = torch.tensor(_rows).float()
Y_TRAIN = torch.tensor([200, 320, 450, 120, 240, 550, 140, 380], dtype=torch.float32).unsqueeze(1)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(HousePriceNet, self).__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    total = 0
    for name, parameter in model.named_parameters():
        if parameter.requires_grad:
            total += parameter.numel()
    return total


def train(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr, betas=(0.9, 0.999))
    history = []
    epoch = 0
    while epoch < epochs:
        error = model.forward(X) - y
        loss = (error ** 2).mean()
        history.append(float(loss))
        loss.backward()
        optimizer.step()
        model.zero_grad(set_to_none=False)
        epoch += 1
    return history
