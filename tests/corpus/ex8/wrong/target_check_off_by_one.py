"""WRONG (target validation off by one): targets are rejected only when > C, so a target equal to C slips through to gather: cross_entropy(torch.randn(2, 3), torch.tensor([0, 3])) raises RuntimeError from gather instead of ValueError."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if bool(((targets < 0) | (targets > c)).any()):
        raise ValueError(f"targets must lie in [0, {c})")


def softmax(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
