"""Reference solution, Exercise 8: softmax and cross-entropy from scratch (section 7)."""

import torch


def softmax(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)  # largest is 0: exp cannot overflow
    exps = shifted.exp()
    return exps / exps.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"logits has {n} rows but targets has {targets.shape[0]} entries")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"every target must be a class index in [0, {c})")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()  # log-softmax: never log(0)
    return -log_probs[torch.arange(n), targets].mean()
