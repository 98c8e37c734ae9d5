"""WRONG: softmax shifts logits in place through .data (logits.data.sub_(max)), exponentiates, and restores the original values with logits.data.copy_(saved); the values and logits._version end up as before, but it is an in-place operation on the argument (while softmax runs, the caller's tensor holds shifted values); breaks "Inputs stay as given ... no in-place operation at all, even one that leaves the values equal" and the stub's "Never modifies logits (no -= or in-place methods on it)"."""

import torch


def softmax(logits, dim=-1):
    """Stable softmax along dim."""
    m = logits.detach().amax(dim=dim, keepdim=True)
    saved = logits.detach().clone()
    try:
        logits.data.sub_(m)
        e = torch.exp(logits.data.clone())
    finally:
        logits.data.copy_(saved)
    e = torch.exp(logits - m) + (e - e.detach()) * 0
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
