"""WRONG: descend estimates the slope with a central finite difference of fn (in float64) instead of backpropagating -- breaks "for each of steps steps compute fn(x), backpropagate, update x -= lr * x.grad" (stub: "use autograd, not a derivative by hand"); shows on descend(lambda x: (x - 5) ** 2, 0, 0.1, 20): x.grad is never set, no backward is called (values still agree to ~1e-9).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    values = []
    h = 1e-5
    for _ in range(steps):
        values.append(fn(x).item())
        slope = (fn(x + h).item() - fn(x - h).item()) / (2 * h)
        x = x - lr * slope
    return x.item(), values


DIVERGING_LR = 1.5
