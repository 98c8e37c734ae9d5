"""WRONG (reduction): cross_entropy sums the per-sample losses instead of averaging them; a batch of one (both section examples) matches, but cross_entropy(torch.tensor([[2., 1., .1], [0., 0., 0.]]), torch.tensor([0, 2])) is 1.5156 instead of 0.7578."""

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
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).sum()
