"""WRONG: descend returns the values as a tuple (collected with tuple(...)) -- breaks "descend(...) -> tuple[float, list[float]]" (stub: "values as a list of `steps` Python floats"); shows on descend(lambda x: (x - 5) ** 2, 0, 0.1, 3): values == (25.0, 16.0, 10.24...), a tuple.
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), tuple(values)


DIVERGING_LR = 1.5
