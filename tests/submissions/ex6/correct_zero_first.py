import torch


def _value(fn, x):
    with torch.no_grad():
        return float(fn(x))


def descend(fn, x0, lr, steps):
    """Clears the gradient at the start of each step, reads the value in a separate call
    under no_grad, and updates with sub_."""
    x = torch.zeros((), requires_grad=True)
    with torch.no_grad():
        x.fill_(x0)
    values = [0.0] * steps
    for k in range(steps):
        if x.grad is not None:
            x.grad.zero_()
        values[k] = _value(fn, x)
        fn(x).backward()
        with torch.no_grad():
            x.sub_(x.grad, alpha=lr)
    return x.item(), values


DIVERGING_LR = 1.01
