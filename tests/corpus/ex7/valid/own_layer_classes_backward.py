"""VALID: the network as the student's own layer classes, each with forward() and a method named backward() that applies the chain rule by hand (no autograd at all: the contract allows your own methods any name, backward too)."""

import torch


class Linear:
    """y = x @ weight + bias, with weight stored (n_in, n_out)."""

    def __init__(self, weight, bias):
        self.weight, self.bias = weight, bias

    def forward(self, x):
        self.x = x
        return x @ self.weight + self.bias

    def backward(self, grad_y):
        self.grad_weight = self.x.T @ grad_y
        self.grad_bias = grad_y.sum(0)
        return grad_y @ self.weight.T


class ReLU:
    def forward(self, z):
        self.mask = z > 0
        return torch.where(self.mask, z, torch.zeros_like(z))

    def backward(self, grad_h):
        return torch.where(self.mask, grad_h, torch.zeros_like(grad_h))


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    layers = [Linear(W1.T, b1), ReLU(), Linear(W2, b2)]
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers):
        grad = layer.backward(grad)
    first, _, second = layers
    return {"x": grad, "W1": first.grad_weight.T, "b1": first.grad_bias,
            "W2": second.grad_weight, "b2": second.grad_bias}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return dL_dz * x, dL_dz * 1.0
