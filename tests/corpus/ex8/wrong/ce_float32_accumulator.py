"""WRONG (float64 silently turned into float32): the per-sample losses are summed with += into torch.zeros(()), a float32 accumulator, so cross_entropy(torch.randn(4, 3, dtype=torch.float64), torch.tensor([0, 1, 2, 0])).dtype is torch.float32 and only float32-accurate."""

import torch


def _check(logits, targets):
    if logits.dim() != 2:
        raise ValueError(f"logits must be (N, C), got {tuple(logits.shape)}")
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if bool(((targets < 0) | (targets >= c)).any()):
        raise ValueError(f"targets must lie in [0, {c})")


def softmax(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    total = torch.zeros(())
    for row, t in zip(logits, targets):
        m = row.max()
        total += m + torch.log(torch.exp(row - m).sum()) - row[t]
    return total / logits.shape[0]
