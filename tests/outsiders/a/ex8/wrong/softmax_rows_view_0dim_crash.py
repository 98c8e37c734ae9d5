"""WRONG: softmax moves dim last and flattens everything else into rows with logits.shape[dim], which fails for a 0-dim tensor: softmax(torch.tensor(3.0)) raises IndexError, while F.softmax(torch.tensor(3.0), dim=-1) is tensor(1.); breaks "softmax(logits: Tensor, dim: int = -1) -> Tensor: same shape ..." for "a float32 or float64 tensor of any shape"."""

import torch


def softmax(logits, dim=-1):
    """Stable softmax along dim, computed row by row."""
    moved = logits.movedim(dim, -1)
    rows = moved.reshape(-1, logits.shape[dim])
    rows = rows - rows.amax(dim=1, keepdim=True)
    e = torch.exp(rows)
    p = e / e.sum(dim=1, keepdim=True)
    return p.reshape(moved.shape).movedim(-1, dim)


def cross_entropy(logits, targets):
    """Mean over the batch of -log softmax(logits)[i, targets[i]] (log-sum-exp)."""
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if targets.numel() > 0 and (int(targets.min()) < 0 or int(targets.max()) >= c):
        raise ValueError(f"targets must lie in [0, {c})")
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.reshape(-1, 1)).squeeze(1)
    return (lse - picked).mean()
