"""WRONG: descend stops as soon as |x.grad| < 1e-6 ("converged") and pads the remaining values with the last one, so on a flat function it never moves: descend(lambda x: 1e-8 * (x - 5) ** 2, 0.0, 1e7, 20) returns x = 0.0 (and 20 copies of 2.5e-7) instead of x = 4.942354 (the same 0.8-per-step contraction as the section's example); breaks "for each of steps steps compute fn(x), backpropagate, update x -= lr * x.grad ... Returns the final x and the value of fn(x) before each step"."""

import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        if abs(x.grad.item()) < 1e-6:
            values.extend([values[-1]] * (steps - len(values)))
            break
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


DIVERGING_LR = 1.5
