import torch


def descend(fn, x0, lr, steps):
    # float64, a while loop, the update through .data and the gradient dropped with None
    x = torch.tensor(x0 * 1.0, dtype=torch.float64, requires_grad=True)
    values = []
    step = 0
    while step < steps:
        loss = fn(x)
        values += [loss.item()]
        loss.backward()
        x.data = x.data - lr * x.grad.data
        x.grad = None
        step += 1
    return (x.item(), values)


DIVERGING_LR = -0.5  # gradient ascent moves away from 5 as well
