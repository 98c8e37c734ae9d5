"""VALID: a tiny layer framework of the student's own -- Linear, ReLU and Matmul objects each with forward() and backward() methods (the contract allows it: "methods of your own classes may have any name, backward too"); no autograd anywhere.
"""
import torch


class Affine:
    """y = x @ W.T + b  (nn.Linear layout)."""

    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W.T + self.b

    def backward(self, g):
        return g @ self.W, g.T @ self.x, g.sum(dim=0)


class ReLU:
    def forward(self, z):
        self.mask = z > 0
        return z * self.mask

    def backward(self, g):
        return g * self.mask


class Matmul:
    """y = h @ W + b  (W is (n_hidden, n_out))."""

    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, h):
        self.h = h
        return h @ self.W + self.b

    def backward(self, g):
        return g @ self.W.T, self.h.T @ g, g.sum(dim=0)


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    first, act, second = Affine(W1, b1), ReLU(), Matmul(W2, b2)
    second.forward(act.forward(first.forward(x)))
    g_h, g_W2, g_b2 = second.backward(grad_out)
    g_z = act.backward(g_h)
    g_x, g_W1, g_b1 = first.backward(g_z)
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    dL_dz = 2 * (3.0 * 2.0 + 1.0)
    return dL_dz * 1.0 * 2.0, dL_dz * 1.0
