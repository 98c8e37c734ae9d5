"""WRONG (assert instead of ValueError): the batch size and the target range are checked with assert statements, so bad input raises AssertionError (or nothing at all under python -O) instead of ValueError: cross_entropy(torch.randn(2, 3), torch.tensor([0, 3])) and cross_entropy(torch.randn(3, 4), torch.tensor([0, 1])) both raise AssertionError."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    assert targets.shape[0] == n, f"{targets.shape[0]} targets for {n} rows of logits"
    assert ((targets >= 0) & (targets < c)).all(), f"targets must be class indices in [0, {c})"


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    log_norm = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()

