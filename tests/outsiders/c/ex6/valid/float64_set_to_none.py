"""VALID: holds x as a 0-dim float64 leaf (the contract allows float32 or float64), records fn(x).item() before each update, updates in place with x.sub_(lr * x.grad) under torch.no_grad() (not recorded in the graph), and clears the gradient by setting x.grad = None (what PyTorch's own zero_grad does by default), so each backward starts from nothing. DIVERGING_LR = 3 (an int; "where a float is named, an int of the same value is accepted"): the distance to 5 is multiplied by 1 - 2*3 = -5 each step, so after 50 steps it is inf/nan.
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(x0, dtype=torch.float64).requires_grad_(True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x.sub_(lr * x.grad)
        x.grad = None
    return x.item(), values


DIVERGING_LR = 3
