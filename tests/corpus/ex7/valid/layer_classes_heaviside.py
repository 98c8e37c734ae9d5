"""VALID: tiny Linear/ReLU layer classes with forward() caching their input and backprop() returning gradients (the first Linear stores W1 in nn.Linear's layout, the second in the book's (in, out) layout); the ReLU derivative is torch.heaviside(z, 0), which is 0 at exactly 0."""

import torch


class _Linear:
    """y = x @ W.T + b when transposed (nn.Linear layout), else y = x @ W + b."""

    def __init__(self, W, b, transposed):
        self.W, self.b, self.transposed = W, b, transposed

    def forward(self, x):
        self.x = x
        return (x @ self.W.T if self.transposed else x @ self.W) + self.b

    def backprop(self, g):
        if self.transposed:
            dW, dx = g.T @ self.x, g @ self.W
        else:
            dW, dx = self.x.T @ g, g @ self.W.T
        return dx, dW, g.sum(dim=0)


class _ReLU:
    def forward(self, z):
        self.slope = torch.heaviside(z, torch.zeros((), dtype=z.dtype))
        return z * self.slope

    def backprop(self, g):
        return g * self.slope


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    first, act, second = _Linear(W1, b1, True), _ReLU(), _Linear(W2, b2, False)
    second.forward(act.forward(first.forward(x)))
    dh, dW2, db2 = second.backprop(grad_out)
    dx, dW1, db1 = first.backprop(act.backprop(dh))
    return dict(x=dx, W1=dW1, b1=db1, W2=dW2, b2=db2)


def chain_rule_example():
    local = {"dL/dz": 2 * 7.0, "dz/dy": 1.0, "dy/dw": 2.0, "dz/db": 1.0}
    dL_dw = local["dL/dz"] * local["dz/dy"] * local["dy/dw"]
    dL_db = local["dL/dz"] * local["dz/db"]
    return float(dL_dw), float(dL_db)
