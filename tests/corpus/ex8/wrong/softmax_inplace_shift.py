"""WRONG (modifies its input): softmax subtracts the maximum from the logits in place and adds it back afterwards, which does not restore them exactly: after t = torch.tensor([1e-8, 1e4]); softmax(t), t[0] is 0.0 instead of 1e-8 (and a logits tensor that requires grad makes it raise)."""

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
    m = logits.amax(dim=dim, keepdim=True)
    logits.sub_(m)  # avoid an extra (N, C) temporary
    e = torch.exp(logits)
    logits.add_(m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
