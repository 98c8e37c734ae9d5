"""VALID: the loop is a functools.reduce over range(steps) whose state is (x, values); one step is a helper that evaluates fn, backpropagates, updates through x.data (outside the graph, no no_grad block needed) and clears the gradient with x.grad = None; x is held in float64; DIVERGING_LR is given as a fraction, 21 / 20."""

import functools

import torch


def _one_step(state, _index, fn=None, lr=None):
    x, values = state
    value = fn(x)
    value.backward()
    values.append(value.item())
    x.data -= lr * x.grad.data
    x.grad = None
    return x, values


def descend(fn, x0, lr, steps):
    start = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    step = functools.partial(_one_step, fn=fn, lr=lr)
    x, values = functools.reduce(step, range(steps), (start, []))
    return x.item(), values


DIVERGING_LR = 21 / 20
