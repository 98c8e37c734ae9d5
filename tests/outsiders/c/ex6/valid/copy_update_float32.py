"""VALID: the section's loop with a different update idiom: under torch.no_grad() the new value lr-step is written with x.copy_(x - lr * x.grad) (still one in-place update of the same leaf, not recorded in the graph), the gradient is cleared with x.grad.zero_(), values are collected with float(loss.detach()); x is a 0-dim float32 leaf made from float(x0) so ints work. DIVERGING_LR = 1.05 is just above 1: the distance is multiplied by 1 - 2.1 = -1.1 per step, so after 50 steps it is 5 * 1.1^50 ~ 587 > 5.
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    history = []
    step = 0
    while step < steps:
        loss = fn(x)
        history.append(float(loss.detach()))
        loss.backward()
        with torch.no_grad():
            x.copy_(x - lr * x.grad)
            x.grad.zero_()
        step += 1
    return x.item(), history


DIVERGING_LR = 1.05
