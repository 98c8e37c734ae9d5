"""VALID: forward loops over (self.layer1, self.activation, self.layer2) in that order, calling each attribute once (so hooks and a replaced activation are honoured); count_parameters uses a generator over model.named_parameters() (duplicates removed by PyTorch) and int(); train is the section's loop with the loss written as (pred - y).pow(2).mean() and the losses gathered with loss.detach().item(). X_TRAIN and Y_TRAIN are float32 (8, 4) and (8, 1) built with torch.as_tensor from nested tuples.
"""
import torch
import torch.nn as nn

X_TRAIN = torch.as_tensor((
    (10.0, 3.0, 2.0, 2.0),
    (15.0, 4.0, 2.5, 1.0),
    (20.0, 5.0, 3.0, 0.5),
    (8.0, 2.0, 1.0, 5.0),
    (12.0, 3.0, 2.0, 3.0),
    (25.0, 6.0, 4.0, 0.0),
    (9.0, 2.0, 1.0, 4.0),
    (18.0, 4.0, 3.0, 1.5),
), dtype=torch.float32)
Y_TRAIN = torch.as_tensor(((200.0,), (320.0,), (450.0,), (120.0,), (240.0,), (550.0,), (140.0,), (380.0,)),
                          dtype=torch.float32)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        for stage in (self.layer1, self.activation, self.layer2):
            x = stage(x)
        return x


def count_parameters(model):
    return int(sum(p.numel() for _, p in model.named_parameters() if p.requires_grad))


def train(model, X, y, epochs, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    out = []
    for _ in range(epochs):
        pred = model(X)
        loss = (pred - y).pow(2).mean()
        out.append(loss.detach().item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    return out
