"""WRONG: softmax's default is dim=1 ("the class dimension") instead of dim=-1, so softmax(x) without dim normalises the wrong axis for 3-D input (softmax(torch.randn(2, 3, 4)) sums to 1 along dim 1, not the last dim) and raises IndexError for 1-D input (softmax(torch.tensor([2.0, 1.0, 0.1]))); breaks "softmax(logits: Tensor, dim: int = -1)" ("keep them exactly")."""

import torch


def softmax(logits, dim=1):
    """Stable softmax along dim."""
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


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
