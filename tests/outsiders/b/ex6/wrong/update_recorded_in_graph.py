"""WRONG: updates with x = x - lr * x.grad OUTSIDE torch.no_grad() and calls x.retain_grad(), so every update is recorded and each backward runs through the whole history back to x0 -- breaks "update x -= lr * x.grad without recording the update in the graph" (stub: "WITHOUT recording the update in the graph (torch.no_grad())"); shows on any call with steps >= 2: x.grad_fn is a SubBackward0 chain (values are still right, the cost grows with every step).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        g = x.grad
        x = x - lr * g          # recorded in the graph
        x.retain_grad()
    return x.item(), values


DIVERGING_LR = 1.5
