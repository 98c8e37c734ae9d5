"""VALID: the section's loop kept almost verbatim, with an optional verbose flag that prints the book's table, an int lr/x0 coerced with float(), and values collected with a list comprehension over a pre-sized list."""

import torch


def descend(fn, x0, lr, steps, verbose=False):
    x = torch.tensor(float(x0), requires_grad=True)
    learning_rate = float(lr)
    values = [0.0] * steps
    for step in range(steps):
        f = fn(x)
        f.backward()
        values[step] = f.item()
        if verbose:
            print(f"  {step:2d} | {x.item():7.4f} | {f.item():7.4f} | {x.grad.item():7.4f}")
        with torch.no_grad():
            x -= learning_rate * x.grad
        x.grad.zero_()
    return x.item(), [float(v) for v in values]


DIVERGING_LR = 1.25


if __name__ == "__main__":
    final, _ = descend(lambda x: (x - 5) ** 2, 0, 0.1, 20, verbose=True)
    print(f"Final x = {final:.6f}")
