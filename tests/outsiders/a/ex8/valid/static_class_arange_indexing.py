"""VALID: the maths lives in a helper class with static methods; cross_entropy indexes with logits[torch.arange(N), targets] (advanced indexing) and computes the loss as (lse - picked).mean(); softmax normalises through a reciprocal multiply."""

import torch


class _Stable:
    @staticmethod
    def shift(x, dim):
        return x - x.amax(dim=dim, keepdim=True)

    @staticmethod
    def lse_rows(x):
        m = x.amax(dim=1)
        return m + torch.log(torch.exp(x - m[:, None]).sum(dim=1))


def softmax(logits, dim=-1):
    e = torch.exp(_Stable.shift(logits, dim))
    return e * torch.reciprocal(e.sum(dim=dim, keepdim=True))


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape != (n,):
        raise ValueError(f"targets must have shape ({n},), got {tuple(targets.shape)}")
    if n and (targets.min().item() < 0 or targets.max().item() >= c):
        raise ValueError(f"targets must be class indices in [0, {c})")
    picked = logits[torch.arange(n), targets]
    return (_Stable.lse_rows(logits) - picked).mean()
