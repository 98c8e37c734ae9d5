"""VALID (reclassified by the maintainers: the contract counts x becoming inf or nan as diverging and names no finiteness; the stub's word "finite" contradicted it and was removed; the outsider wrote: WRONG: DIVERGING_LR = float("inf"): "an infinite step certainly diverges" (x becomes nan at once). Breaks the stub's "A learning rate (a finite Python number) at which descend(...) moves AWAY from 5": math.isfinite(DIVERGING_LR) is False (verified); descend itself is correct.
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
    return (x.item(), values)


DIVERGING_LR = float("inf")
