"""backward_by_hand right, but chain_rule_example is section 4's own PyTorch check, with autograd."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_h = grad_out @ W2.T
    grad_z1 = grad_h * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0), "W2": h.T @ grad_out,
            "b2": grad_out.sum(0)}


def chain_rule_example():
    x = torch.tensor(2.0)
    w = torch.tensor(3.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)

    # Forward pass
    y = w * x       # y = 6
    z = y + b       # z = 7
    L = z ** 2      # L = 49

    # Backward pass
    L.backward()
    return w.grad.item(), b.grad.item()
