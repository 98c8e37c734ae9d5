"""WRONG (shift only against overflow): the maximum is subtracted only when some logit is above 80 ("only needed when exp would overflow"), so very negative logits underflow: softmax(torch.tensor([[-1e4, -1e4 + 1.]])) is [[nan, nan]] instead of [[0.269, 0.731]], and cross_entropy(torch.tensor([[-1e4, -1e4]]), torch.tensor([0])) is -inf instead of 0.6931; logits up to +1e4 are handled."""

import torch

_OVERFLOW = 80.0


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def _shift(logits, dim):
    if logits.max() > _OVERFLOW:
        return logits.amax(dim=dim, keepdim=True)
    return torch.zeros_like(logits.amax(dim=dim, keepdim=True))


def softmax(logits, dim=-1):
    e = torch.exp(logits - _shift(logits, dim))
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = _shift(logits, 1)
    log_norm = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()
