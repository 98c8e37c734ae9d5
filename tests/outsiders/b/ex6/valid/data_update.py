"""VALID: the update is written x.data -= lr * x.grad -- an update autograd does not record, exactly what the contract asks ("update x -= lr * x.grad without recording the update in the graph"), without a torch.no_grad() block; the gradient is cleared with x.grad.zero_().
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        loss = fn(x)
        values.append(loss.item())
        loss.backward()
        x.data -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
