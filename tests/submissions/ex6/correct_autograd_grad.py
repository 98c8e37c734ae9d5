import torch


def descend(fn, x0, lr, steps):
    """torch.autograd.grad and a fresh leaf after every step: no .grad to clear at all."""
    x = torch.tensor(x0, dtype=torch.float32).requires_grad_()
    values = []
    for _ in range(steps):
        value = fn(x)
        (grad,) = torch.autograd.grad(value, x)
        values.append(float(value))
        x = (x - lr * grad).detach().requires_grad_(True)
    return float(x), values


DIVERGING_LR = 2
