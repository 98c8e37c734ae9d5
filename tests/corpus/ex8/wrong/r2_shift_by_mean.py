"""WRONG (shifted by the mean, not the maximum): both functions centre each row on its mean before exponentiating ("keeps the numbers around 0"), which handles rows that are all large, like [1e4, 1e4], but not a wide spread: softmax(torch.tensor([[1e4, 0.]])) is [[nan, 0.]] instead of [[1., 0.]], cross_entropy(torch.tensor([[1e4, 0.]]), torch.tensor([1])) is inf instead of 10000, and a -inf logit makes the mean -inf and the whole row nan."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def softmax(logits, dim=-1):
    centre = logits.mean(dim=dim, keepdim=True)
    e = torch.exp(logits - centre)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    centre = logits.mean(dim=1, keepdim=True)
    log_norm = centre.squeeze(1) + torch.log(torch.exp(logits - centre).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()
