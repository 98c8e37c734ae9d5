import torch
import torch.optim as optim


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    optimizer = optim.SGD([x], lr=lr)
    values = []
    for _ in range(steps):
        optimizer.zero_grad()
        value = fn(x)
        values.append(value.item())
        value.backward()
        optimizer.step()
    return x.item(), values


DIVERGING_LR = 1.5
