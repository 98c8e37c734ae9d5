"""WRONG: cross_entropy validates targets with targets.min() / targets.max() without guarding the empty batch, so for N = 0 (logits (0, C), targets (0,)) it raises RuntimeError ("min(): Expected reduction dim to be specified for input.numel() == 0") instead of returning nan like F.cross_entropy; breaks "cross_entropy(...): ... equal to F.cross_entropy(logits, targets)" (a batch size of 0 is not one of the ValueError cases)."""

import torch


def softmax(logits, dim=-1):
    """Stable softmax along dim."""
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    """Mean over the batch of -log softmax(logits)[i, targets[i]] (log-sum-exp)."""
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if int(targets.min()) < 0 or int(targets.max()) >= c:
        raise ValueError(f"targets must lie in [0, {c})")
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.reshape(-1, 1)).squeeze(1)
    return (lse - picked).mean()
