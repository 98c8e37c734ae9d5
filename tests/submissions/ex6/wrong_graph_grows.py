import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        x.retain_grad()  # keeps .grad working on the non-leaf x, but the graph keeps growing
        value = fn(x)
        values.append(value.item())
        value.backward()
        x = x - lr * x.grad
    return x.item(), values


DIVERGING_LR = 1.5
