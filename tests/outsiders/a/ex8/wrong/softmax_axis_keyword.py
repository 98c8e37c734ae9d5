"""WRONG: softmax's second parameter is named axis (softmax(logits, axis=-1)), so softmax(x, dim=0) raises TypeError; breaks "The names and signatures below are the contract: keep them exactly" (softmax(logits: Tensor, dim: int = -1))."""

import torch


def softmax(logits, axis=-1):
    """Stable softmax along axis."""
    shifted = logits - logits.amax(dim=axis, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=axis, keepdim=True)


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
