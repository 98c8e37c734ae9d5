"""WRONG: computes the W1 gradient as x.T @ dz1, shape (n_in, n_hidden), forgetting that W1 is stored (n_hidden, n_in) as in nn.Linear. Breaks "each of the same shape as that input" and "They must equal what PyTorch's automatic differentiation computes": for n_in = 3, n_hidden = 4 the returned "W1" is (3, 4) instead of (4, 3); for square W1 (n_in = n_hidden = 2) it is PyTorch's automatic differentiation's W1.grad transposed (verified on random float64 inputs).
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    # forward, keeping the intermediate results
    z1 = x @ W1.T + b1
    a1 = torch.relu(z1)
    # output layer: out = a1 @ W2 + b2
    dW2 = a1.T @ grad_out
    db2 = grad_out.sum(0)
    da1 = grad_out @ W2.T
    # ReLU
    dz1 = da1 * (z1 > 0)
    # first layer: z1 = x @ W1.T + b1
    dW1 = x.T @ dz1
    db1 = dz1.sum(0)
    dx = dz1 @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    y = w * x
    z = y + b
    dL_dz = 2 * z
    dz_dy = 1.0
    dy_dw = x
    dz_db = 1.0
    return (dL_dz * dz_dy * dy_dw, dL_dz * dz_db)
