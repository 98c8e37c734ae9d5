"""WRONG: cross_entropy only checks targets.max() >= C; a negative target slips through and gather/indexing with -1 silently reads the LAST class. Breaks the contract's "Raises ValueError when a target is outside [0, C)": cross_entropy(torch.tensor([[2.0, 1.0, 0.1]]), torch.tensor([-1])) returns 2.3170 (the loss for class 2, as logits[i, -1] wraps around to the last class) instead of raising ValueError (verified).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def _validate(logits, targets):
    N, C = logits.shape
    if len(targets) != N:
        raise ValueError(f"{len(targets)} targets for a batch of {N}")
    if targets.max() >= C:
        raise ValueError(f"targets must lie in [0, {C})")
    return N, C


def cross_entropy(logits, targets):
    N, C = _validate(logits, targets)
    m = logits.amax(dim=1, keepdim=True).detach()
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits[torch.arange(N), targets]
    return (lse - picked).mean()
