"""VALID: the chain rule is organised as hand-written layer classes (Linear, ReLU, MatMulBias) that each have forward() and backward() methods of their own (the contract allows own methods named backward); no autograd anywhere."""

import torch


class LinearT:
    """y = x @ W.T + b (nn.Linear layout)."""

    def forward(self, x, W, b):
        self.x, self.W = x, W
        return x @ W.T + b

    def backward(self, g):
        return g @ self.W, g.T @ self.x, g.sum(dim=0)


class Relu:
    def forward(self, z):
        self.on = z > 0
        return torch.where(self.on, z, torch.zeros_like(z))

    def backward(self, g):
        return torch.where(self.on, g, torch.zeros_like(g))


class MatMulBias:
    """y = a @ W + b (W2 layout)."""

    def forward(self, a, W, b):
        self.a, self.W = a, W
        return a @ W + b

    def backward(self, g):
        return g @ self.W.T, self.a.T @ g, g.sum(dim=0)


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    l1, act, l2 = LinearT(), Relu(), MatMulBias()
    l2.forward(act.forward(l1.forward(x, W1, b1)), W2, b2)
    g_a, g_W2, g_b2 = l2.backward(grad_out)
    g_z = act.backward(g_a)
    g_x, g_W1, g_b1 = l1.backward(g_z)
    return {"x": g_x, "W1": g_W1, "b1": g_b1, "W2": g_W2, "b2": g_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    y = w * x
    z = y + b
    dL_dz = 2 * z
    dz_dy, dy_dw, dz_db = 1.0, x, 1.0
    return (dL_dz * dz_dy * dy_dw, dL_dz * dz_db)
