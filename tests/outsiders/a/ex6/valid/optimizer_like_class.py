"""VALID: the loop lives in a small hand-written class (HandDescent with step/zero_grad methods, no torch.optim), x.sub_ is done under torch.no_grad(), the result is a namedtuple (a tuple), and DIVERGING_LR = 1.25."""

import collections

import torch

Result = collections.namedtuple("Result", ["final_x", "values"])


class HandDescent:
    def __init__(self, param, lr):
        self.param = param
        self.lr = lr

    def zero_grad(self):
        if self.param.grad is not None:
            self.param.grad.zero_()

    def step(self):
        with torch.no_grad():
            self.param.sub_(self.lr * self.param.grad)


def descend(fn, x0, lr, steps):
    x = torch.zeros((), requires_grad=True)
    with torch.no_grad():
        x.fill_(x0)
    opt = HandDescent(x, lr)
    values = []
    for _ in range(steps):
        loss = fn(x)
        values.append(loss.item())
        loss.backward()
        opt.step()
        opt.zero_grad()
    return Result(x.item(), values)


DIVERGING_LR = 1.25
