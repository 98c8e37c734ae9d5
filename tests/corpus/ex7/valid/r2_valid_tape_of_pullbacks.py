"""VALID: a tiny reverse-mode tape written by hand: every forward operation (x @ W.T, h @ W, + bias, relu) appends a pullback closure, and the gradients are found by running the pullbacks in reverse order with the upstream gradient as the seed, accumulating into a dict by variable name; bias pullbacks sum over the broadcast batch axis. chain_rule_example runs the section's graph through the same tape."""

import torch


class _Tape:
    def __init__(self, **inputs):
        self.values = dict(inputs)
        self.pullbacks = []

    def _new(self, name, value, pullback):
        self.values[name] = value
        self.pullbacks.append((name, pullback))
        return name

    def matmul_t(self, out, a, b):  # a @ b.T
        A, B = self.values[a], self.values[b]
        return self._new(out, A @ B.T, lambda g: {a: g @ B, b: g.T @ A})

    def matmul(self, out, a, b):  # a @ b
        A, B = self.values[a], self.values[b]
        return self._new(out, A @ B, lambda g: {a: g @ B.T, b: A.T @ g})

    def add_bias(self, out, a, bias):
        A, c = self.values[a], self.values[bias]
        return self._new(out, A + c, lambda g: {a: g, bias: g.reshape(-1, *c.shape).sum(0)})

    def mul(self, out, a, b):
        A, B = self.values[a], self.values[b]
        return self._new(out, A * B, lambda g: {a: g * B, b: g * A})

    def square(self, out, a):
        A = self.values[a]
        return self._new(out, A * A, lambda g: {a: 2 * A * g})

    def relu(self, out, a):
        A = self.values[a]
        return self._new(out, torch.relu(A), lambda g: {a: torch.where(A > 0, g, torch.zeros_like(g))})

    def pull(self, seed_name, seed):
        grads = {seed_name: seed}
        for name, pullback in reversed(self.pullbacks):
            if name not in grads:
                continue
            for src, contribution in pullback(grads[name]).items():
                grads[src] = grads[src] + contribution if src in grads else contribution
        return grads


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    tape = _Tape(x=x.detach(), W1=W1.detach(), b1=b1.detach(), W2=W2.detach(), b2=b2.detach())
    tape.matmul_t("a1", "x", "W1")
    tape.add_bias("z", "a1", "b1")
    tape.relu("h", "z")
    tape.matmul("a2", "h", "W2")
    out = tape.add_bias("out", "a2", "b2")
    grads = tape.pull(out, grad_out.detach())
    return {k: grads[k] for k in ("x", "W1", "b1", "W2", "b2")}


def chain_rule_example():
    tape = _Tape(x=torch.tensor(2.0), w=torch.tensor(3.0), b=torch.tensor(1.0))
    tape.mul("y", "w", "x")
    tape.add_bias("z", "y", "b")
    L = tape.square("L", "z")
    grads = tape.pull(L, torch.tensor(1.0))
    return float(grads["w"]), float(grads["b"])
