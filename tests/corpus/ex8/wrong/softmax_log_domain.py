"""WRONG (precision at large logits): softmax is computed in the log domain as exp(logits - logsumexp(logits)); finite, but subtracting two numbers near 1e4 in float32 loses the small part: softmax(torch.tensor([[1e4, 1e4]])) is [0.4999, 0.4999] (sum 0.9998) instead of exactly [0.5, 0.5]."""

import torch


class _LogSumExp:
    def __init__(self, dim):
        self.dim = dim

    def __call__(self, x):
        m = torch.amax(x, dim=self.dim, keepdim=True)
        return m + torch.log(torch.sum(torch.exp(x - m), dim=self.dim, keepdim=True))


def softmax(logits, dim=-1):
    return torch.exp(logits - _LogSumExp(dim)(logits))


def _validate(logits, targets):
    n, c = logits.shape
    if len(targets) != n:
        raise ValueError(f"batch sizes differ: {n} logits rows, {len(targets)} targets")
    if len(targets) and (int(targets.min()) < 0 or int(targets.max()) >= c):
        raise ValueError(f"targets must be in [0, {c})")


def cross_entropy(logits, targets):
    _validate(logits, targets)
    lse = _LogSumExp(1)(logits)                                   # (N, 1)
    chosen = torch.take_along_dim(logits, targets.view(-1, 1), dim=1)  # (N, 1)
    return torch.mean(lse - chosen)
