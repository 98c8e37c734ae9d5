"""WRONG (numerical stability): softmax exponentiates the raw logits without subtracting the maximum, so softmax(torch.tensor([[1e4, 0.]])) is [nan, 0.] in float32 (exp overflows to inf) instead of [1., 0.]; cross_entropy is the stable log-sum-exp form and passes."""

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
    e = torch.exp(logits)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
