"""WRONG (negative dims): softmax turns any negative dim into the last axis (dim = logits.dim() - 1 whenever dim < 0, "negative means counting from the end"), which is right for the default -1 only: softmax(torch.tensor([[1., 2.], [3., 5.]]), dim=-2) normalises the rows ([[0.269, 0.731], [0.119, 0.881]]) instead of the columns ([[0.119, 0.047], [0.881, 0.953]]); dim=0 gives the right columns."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def softmax(logits, dim=-1):
    if dim < 0:
        dim = logits.dim() - 1
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    log_norm = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()

