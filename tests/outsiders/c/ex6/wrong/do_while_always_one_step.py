"""WRONG: the loop is written do-while style (step, count, break when the count reaches steps), so the body always runs at least once. Breaks the contract's "for each of steps steps" and the stub's "steps is how many updates to make (0 is allowed)" / "values a list of steps Python floats": descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 0) returns (1.0, [25.0]) instead of (0.0, []) (verified; steps >= 1 are right).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    done = 0
    while True:
        y = fn(x)
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
        done += 1
        if done >= steps:
            break
    return (x.item(), values)


DIVERGING_LR = 1.5
