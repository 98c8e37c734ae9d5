"""WRONG: keeps a list of the x at which each value was recorded and returns its last entry as final_x, i.e. the x BEFORE the last update (and crashes for steps=0). Breaks the contract's "Returns the final x" after "for each of steps steps ... update x" (stub: "steps is how many updates to make (0 is allowed)"; the section: after 20 steps x = 4.942354): descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20)[0] is 4.927942 (= 5(1 - 0.8^19)) instead of 4.942354, and descend(f, 0.0, 0.1, 0) raises IndexError instead of returning (0.0, []) (verified).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    xs = []
    for _ in range(steps):
        y = fn(x)
        xs.append(x.item())
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return (xs[-1], values)


DIVERGING_LR = 1.5
