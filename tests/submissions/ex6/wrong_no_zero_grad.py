import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        loss = fn(x)
        values.append(loss.item())
        loss.backward()
        with torch.no_grad():
            x -= lr * x.grad  # the gradient is never cleared: it piles up


    return x.item(), values


DIVERGING_LR = 1.5
