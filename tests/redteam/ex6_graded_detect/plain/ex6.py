import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        x = x - lr * x.grad      # recorded in the graph: x becomes a non-leaf, the graph grows
        x.retain_grad()
    return x.item(), values


DIVERGING_LR = 1.5
