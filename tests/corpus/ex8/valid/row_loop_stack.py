"""VALID: cross_entropy walks the batch in a Python loop, computing max + log(sum(exp(row - max))) - row[target] per sample and stacking the results (an empty batch gives nan, as PyTorch's own loss does); targets are validated one by one as Python ints; softmax moves dim to the end with movedim and back."""

import torch


def softmax(logits, dim=-1):
    moved = logits.movedim(dim, -1)
    top = moved.max(dim=-1, keepdim=True).values
    e = (moved - top).exp()
    return (e / e.sum(dim=-1, keepdim=True)).movedim(-1, dim)


def cross_entropy(logits, targets):
    n_rows, n_classes = logits.shape
    if targets.shape[0] != n_rows:
        raise ValueError(f"logits have {n_rows} rows, targets have {targets.shape[0]}")
    for t in targets.tolist():
        if not 0 <= t < n_classes:
            raise ValueError(f"target {t} is outside [0, {n_classes})")
    per_sample = []
    for row, t in zip(logits, targets.tolist()):
        top = row.max()
        per_sample.append(top + (row - top).exp().sum().log() - row[t])
    if not per_sample:
        return logits.new_zeros(0).mean()
    return torch.stack(per_sample).mean()
