import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_W2 = h.T @ grad_out
    grad_b2 = grad_out.sum(0)
    grad_h = grad_out @ W2.T
    grad_z1 = grad_h * (z1 > 0).to(grad_h.dtype)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0), "W2": grad_W2, "b2": grad_b2}


def chain_rule_example():
    x = torch.tensor(2.0)
    w = torch.tensor(3.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)
    L = (w * x + b) ** 2
    L.backward()
    return (w.grad.item(), b.grad.item())
