"""WRONG (target validation off by one the other way): the check is targets >= C - 1, so the last class is refused: cross_entropy(torch.tensor([[1., 2., 3.]]), torch.tensor([2])) raises ValueError although 2 is a valid class (the section examples, targets 0 of 3 and 1 of 5, pass)."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    last = c - 1
    if bool(((targets < 0) | (targets >= last)).any()):
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
