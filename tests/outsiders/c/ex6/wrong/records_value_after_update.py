"""WRONG: records fn(x) AFTER each update ("the value the step achieved") instead of before it. Breaks the contract's "Returns the final x and the value of fn(x) before each step" (stub: "values[k] is fn(x) at the start of step k, BEFORE that step's update") and the section's "gives values 25.0, 16.0, 10.24, ...": descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 3) returns values [16.0, 10.24, 6.5536] instead of [25.0, 16.0, 10.24] (verified; final x 2.44 is right).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
            values.append(fn(x).item())
        x.grad.zero_()
    return (x.item(), values)


DIVERGING_LR = 1.5
