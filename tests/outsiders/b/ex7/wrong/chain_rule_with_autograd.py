"""WRONG: chain_rule_example builds the section's graph with requires_grad=True tensors and calls L.backward() -- breaks "chain_rule_example() -> tuple[float, float]: ... worked out by hand" (stub: "No autograd here either"); shows on the call itself (returns (28.0, 14.0)).
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.relu(z)
    g_W2 = h.T @ grad_out
    g_b2 = grad_out.sum(0)
    g_h = grad_out @ W2.T
    g_z = g_h * (z > 0).to(g_h.dtype)
    g_W1 = g_z.T @ x
    g_b1 = g_z.sum(0)
    g_x = g_z @ W1
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    x = torch.tensor(2.0)
    w = torch.tensor(3.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)
    L = (w * x + b) ** 2
    L.backward()
    return (w.grad.item(), b.grad.item())
