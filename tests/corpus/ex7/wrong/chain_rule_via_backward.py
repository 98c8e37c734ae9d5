"""WRONG (chain_rule_example not by hand): chain_rule_example builds the section's graph with requires_grad=True and calls L.backward(), returning (28.0, 14.0) through autograd, which ex7 forbids; backward_by_hand itself is correct."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z = x @ W1.T + b1
    h = torch.clamp(z, min=0)
    dW2 = h.T @ grad_out
    db2 = grad_out.sum(0)
    dh = grad_out @ W2.T
    dz = dh * (z > 0).to(dh.dtype)
    dW1 = dz.T @ x
    db1 = dz.sum(0)
    dx = dz @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x = torch.tensor(2.0)
    w = torch.tensor(3.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)
    L = (w * x + b) ** 2
    L.backward()
    return (w.grad.item(), b.grad.item())
