import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        step = lr * x.grad
        with torch.no_grad():
            x -= lr * step
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
