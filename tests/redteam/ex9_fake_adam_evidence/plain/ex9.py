import torch
import torch.nn as nn
import torch.nn.functional as F

X_TRAIN = torch.tensor([[10.0, 3.0, 2.0, 2.0], [15.0, 4.0, 2.5, 1.0], [20.0, 5.0, 3.0, 0.5], [8.0, 2.0, 1.0, 5.0],
                        [12.0, 3.0, 2.0, 3.0], [25.0, 6.0, 4.0, 0.0], [9.0, 2.0, 1.0, 4.0], [18.0, 4.0, 3.0, 1.5]],
                       dtype=torch.float32)
Y_TRAIN = torch.tensor([[200.0], [320.0], [450.0], [120.0], [240.0], [550.0], [140.0], [380.0]], dtype=torch.float32)


class HousePriceNet(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.activation = nn.ReLU()
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(self.activation(self.layer1(x)))


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def _adam_step(params, state, lr, t, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam written out (the same arithmetic as torch.optim.Adam's single-tensor path)."""
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            m, v = state.setdefault(id(p), (torch.zeros_like(p), torch.zeros_like(p)))
            m.lerp_(p.grad, 1 - beta1)
            v.mul_(beta2).addcmul_(p.grad, p.grad, value=1 - beta2)
            bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
            denom = (v.sqrt() / (bc2 ** 0.5)).add_(eps)
            p.addcdiv_(m, denom, value=-lr / bc1)


def train(model, X, y, epochs, lr):
    params = [p for p in model.parameters() if p.requires_grad]
    state, losses = {}, []
    for t in range(1, epochs + 1):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        for p in params:
            p.grad = None
        loss.backward()
        _adam_step(params, state, lr, t)
    return losses
