"""Wrong: section 8's lr=0.01 kept instead of the lr argument."""


import torch
import torch.nn as nn
import torch.optim as optim

# ─── Step 1: Prepare Data ───
# Features: [size (100s sqft), bedrooms, bathrooms, age (decades)]
X_TRAIN = torch.tensor([
    [10.0, 3.0, 2.0, 2.0],   # 1000sqft, 3bed, 2bath, 20yr old
    [15.0, 4.0, 2.5, 1.0],   # 1500sqft, 4bed, 2.5bath, 10yr old
    [20.0, 5.0, 3.0, 0.5],   # 2000sqft, 5bed, 3bath, 5yr old
    [8.0,  2.0, 1.0, 5.0],   # 800sqft, 2bed, 1bath, 50yr old
    [12.0, 3.0, 2.0, 3.0],   # 1200sqft, 3bed, 2bath, 30yr old
    [25.0, 6.0, 4.0, 0.0],   # 2500sqft, 6bed, 4bath, new
    [9.0,  2.0, 1.0, 4.0],   # 900sqft, 2bed, 1bath, 40yr old
    [18.0, 4.0, 3.0, 1.5],   # 1800sqft, 4bed, 3bath, 15yr old
], dtype=torch.float32)

Y_TRAIN = torch.tensor([
    [200.0], [320.0], [450.0], [120.0],
    [240.0], [550.0], [140.0], [380.0]
], dtype=torch.float32)


# ─── Step 2: Define Model ───
class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        # x shape: (batch_size, 4)
        x = self.layer1(x)       # → (batch_size, hidden_size)
        x = self.activation(x)   # → (batch_size, hidden_size)
        x = self.layer2(x)       # → (batch_size, 1)
        return x


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# ─── Steps 3 and 4: Setup Training, Training Loop ───
def train(model, X, y, epochs, lr):
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr=0.01)  # Adam is usually better than SGD
    losses = []
    for epoch in range(epochs):
        # Forward pass
        predictions = model(X)
        loss = criterion(predictions, y)
        losses.append(loss.item())

        # Backward pass + update
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
