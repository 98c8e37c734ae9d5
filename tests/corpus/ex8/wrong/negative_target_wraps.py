"""WRONG (negative targets accepted): only targets >= C are rejected and the target logit is read with Python indexing, so a target of -1 silently picks the last class: cross_entropy(torch.tensor([[1., 2., 3.]]), torch.tensor([-1])) returns 0.4076 instead of raising ValueError."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if bool((targets >= c).any()):
        raise ValueError(f"targets must be below {c}")


def softmax(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits[torch.arange(logits.shape[0]), targets]
    return (lse - picked).mean()
