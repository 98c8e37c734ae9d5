"""VALID: a small GradientDescent class holds the 0-dim x (default dtype, int x0 accepted) and a history list; descend is a thin wrapper; the no-grad step is x.add_(x.grad, alpha=-lr) and the gradient is zeroed with x.grad.mul_(0)."""

import torch


class GradientDescent:
    def __init__(self, fn, x0, lr):
        self.fn = fn
        self.lr = float(lr)
        self.x = torch.tensor(x0, dtype=torch.get_default_dtype()).requires_grad_()
        self.history = []

    def step(self):
        f = self.fn(self.x)
        self.history.append(f.item())
        f.backward()
        with torch.no_grad():
            self.x.add_(self.x.grad, alpha=-self.lr)
        self.x.grad.mul_(0)

    def run(self, steps):
        for _ in range(steps):
            self.step()
        return self.x.item(), list(self.history)


def descend(fn, x0, lr, steps):
    return GradientDescent(fn, x0, lr).run(steps)


DIVERGING_LR = float(3)


if __name__ == "__main__":
    print(descend(lambda x: (x - 5) ** 2, 0, 0.1, 20))
