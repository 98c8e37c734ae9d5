"""WRONG (shortcut for large logits): when any |logit| exceeds 80 (where exp overflows in float32) softmax returns the one-hot indicator of the maximum ("the biggest one takes all"); that is right for [1e4, 0.] but not for ties or close logits: softmax(torch.tensor([[1e4, 1e4]])) is [[1., 1.]] (sums to 2) instead of [[0.5, 0.5]], and softmax(torch.tensor([[100., 99.]])) is [[1., 0.]] instead of [[0.731, 0.269]]; cross_entropy is the stable log-sum-exp and correct."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    if (logits.abs() > 80).any():
        return (logits == m).to(logits.dtype)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    log_norm = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()

