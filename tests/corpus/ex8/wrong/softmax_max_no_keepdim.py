"""WRONG (broadcasting, batch of 1 hides it): the maximum along dim is taken without keepdim, so logits - m subtracts row j's maximum from column j; one row (the section examples) is right, but softmax(torch.tensor([[1., 2.], [3., 5.]])) has a first row of [0.881, 0.119] instead of [0.269, 0.731] (each row still sums to 1), and (3, 2) logits raise."""

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
    m = logits.max(dim=dim).values
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
