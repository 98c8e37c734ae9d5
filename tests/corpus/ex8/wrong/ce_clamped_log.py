"""WRONG (clamp instead of log-sum-exp): cross_entropy takes log(softmax.clamp_min(1e-12)) "to avoid log 0", so it stays finite but is wrong for far-off targets: cross_entropy(torch.tensor([[0., 1e4]]), torch.tensor([0])) is 27.63 instead of 10000, and its gradient there is 0."""

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
    probs = softmax(logits, dim=1).clamp_min(1e-12)
    picked = probs.gather(1, targets.view(-1, 1))
    return -torch.log(picked).mean()
