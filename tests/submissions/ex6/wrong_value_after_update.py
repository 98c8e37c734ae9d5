import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        fn(x).backward()
        with torch.no_grad():
            x -= lr * x.grad
            values.append(fn(x).item())  # recorded after the step
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
