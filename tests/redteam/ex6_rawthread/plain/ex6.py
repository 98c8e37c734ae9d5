import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    opt = torch.optim.SGD([x], lr=lr)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        opt.zero_grad()
        value.backward()
        opt.step()
    return x.item(), values


DIVERGING_LR = 1.5
