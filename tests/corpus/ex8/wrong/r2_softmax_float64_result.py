"""WRONG (softmax does not keep the dtype): softmax computes in float64 "for accuracy" and never casts back, so float32 logits give float64 probabilities: softmax(torch.randn(2, 3)).dtype is torch.float64 instead of torch.float32 (the values are right); cross_entropy keeps the dtype and is correct."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def softmax(logits, dim=-1):
    wide = logits.to(torch.float64)
    m = wide.amax(dim=dim, keepdim=True)
    e = torch.exp(wide - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    log_norm = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()

