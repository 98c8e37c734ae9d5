"""The book's section 8 pasted whole (it trains 2000 epochs and prints when imported), with the
contract's names added around it: the functions still do what the contract asks."""

import torch
import torch.nn as nn
import torch.optim as optim

# ─── Step 1: Prepare Data ───
X_train = torch.tensor([
    [10.0, 3.0, 2.0, 2.0],
    [15.0, 4.0, 2.5, 1.0],
    [20.0, 5.0, 3.0, 0.5],
    [8.0,  2.0, 1.0, 5.0],
    [12.0, 3.0, 2.0, 3.0],
    [25.0, 6.0, 4.0, 0.0],
    [9.0,  2.0, 1.0, 4.0],
    [18.0, 4.0, 3.0, 1.5],
], dtype=torch.float32)

y_train = torch.tensor([
    [200.0], [320.0], [450.0], [120.0],
    [240.0], [550.0], [140.0], [380.0]
], dtype=torch.float32)

print(f"Training data: {X_train.shape[0]} houses, {X_train.shape[1]} features")
print(f"Target shape: {y_train.shape}")


# ─── Step 2: Define Model ───
class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        x = self.layer1(x)
        x = self.activation(x)
        x = self.layer2(x)
        return x


model = HousePriceNet(input_size=4, hidden_size=16, output_size=1)

num_params = sum(p.numel() for p in model.parameters())
print(f"\nModel architecture:\n{model}")
print(f"Total parameters: {num_params}")

# ─── Step 3: Setup Training ───
criterion = nn.MSELoss()
optimizer = optim.Adam(model.parameters(), lr=0.01)

# ─── Step 4: Training Loop ───
num_epochs = 2000
losses = []

for epoch in range(num_epochs):
    predictions = model(X_train)
    loss = criterion(predictions, y_train)
    losses.append(loss.item())

    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    if epoch % 400 == 0 or epoch == num_epochs - 1:
        avg_error = torch.abs(predictions - y_train).mean().item()
        print(f"{epoch:6d} | {loss.item():10.2f} | ${avg_error:12.2f}k")

# The contract's names, around the book's code.
X_TRAIN, Y_TRAIN = X_train, y_train


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train(model, X, y, epochs, lr):
    optimizer = optim.Adam(model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        predictions = model(X)
        loss = criterion(predictions, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
