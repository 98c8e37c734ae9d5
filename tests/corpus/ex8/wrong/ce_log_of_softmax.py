"""WRONG (log of a stable softmax is not stable): cross_entropy takes torch.log of the (stable) softmax, which underflows to 0 for a far-off target: cross_entropy(torch.tensor([[0., 1e4]]), torch.tensor([0])) is inf in float32, while F.cross_entropy gives 10000."""

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
    probs = softmax(logits, dim=1)
    picked = probs[torch.arange(logits.shape[0]), targets]
    return -torch.log(picked).mean()
