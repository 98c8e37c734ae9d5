"""VALID: the network as two small layer classes of the student's own, each with forward() and backward() methods that apply the chain rule (the contract: "methods of your own classes may have any name, backward too"); a ReLU class caches its mask (z > 0). Dense.backward returns the input gradient and stores the weight/bias gradients; the second layer is built with W2 in its (n_hidden, n_out) layout so its weight gradient comes out in W2's shape. No automatic differentiation at all: no PyTorch gradient machinery, no grad flags on tensors; no input is modified (layers only keep references and build new tensors).
"""
import torch


class Dense:
    """y = x @ M + c, with M of shape (n_in, n_out)."""

    def __init__(self, M, c):
        self.M, self.c = M, c

    def forward(self, x):
        self.x = x
        return x @ self.M + self.c

    def backward(self, grad_y):
        self.grad_M = self.x.T @ grad_y
        self.grad_c = grad_y.sum(dim=0)
        return grad_y @ self.M.T


class ReLU:
    def forward(self, z):
        self.mask = z > 0
        return z * self.mask

    def backward(self, grad_a):
        return grad_a * self.mask


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    first = Dense(W1.T, b1)      # W1.T is a view, used read-only
    act = ReLU()
    second = Dense(W2, b2)
    second.forward(act.forward(first.forward(x)))
    grad_x = first.backward(act.backward(second.backward(grad_out)))
    return {
        "x": grad_x,
        "W1": first.grad_M.T,    # back to W1's (n_hidden, n_in) layout
        "b1": first.grad_c,
        "W2": second.grad_M,
        "b2": second.grad_c,
    }


def chain_rule_example():
    # L = z^2, z = y + b, y = w * x  at x=2, w=3, b=1
    x, w, b = 2, 3, 1
    z = w * x + b
    return (2 * z * 1 * x, 2 * z * 1)
