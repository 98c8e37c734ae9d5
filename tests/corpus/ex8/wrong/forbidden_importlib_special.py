"""WRONG (forbidden function reached with importlib): softmax is torch.special.softmax fetched with importlib.import_module("torch.special"), on the forbidden list; stable and correct, so only a check of what is called catches it."""

import torch
import importlib


def _check(logits, targets):
    if logits.dim() != 2:
        raise ValueError(f"logits must be (N, C), got {tuple(logits.shape)}")
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if bool(((targets < 0) | (targets >= c)).any()):
        raise ValueError(f"targets must lie in [0, {c})")


_special = importlib.import_module("torch." + "special")


def softmax(logits, dim=-1):
    return _special.softmax(logits, dim)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
