"""WRONG: validates the target range (targets.min() < 0 or targets.max() >= C) BEFORE the length, and min()/max() of an empty tensor raise RuntimeError. Breaks the stub's "Raise ValueError when len(targets) != N (an empty targets tensor too)": cross_entropy(torch.randn(3, 4), torch.tensor([], dtype=torch.int64)) raises RuntimeError "min(): Expected reduction dim to be specified for input.numel() == 0" instead of ValueError (verified).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def _validate(logits, targets):
    N, C = logits.shape
    if targets.min() < 0 or targets.max() >= C:
        raise ValueError(f"targets must lie in [0, {C})")
    if len(targets) != N:
        raise ValueError(f"{len(targets)} targets for a batch of {N}")
    return N, C


def cross_entropy(logits, targets):
    N, C = _validate(logits, targets)
    m = logits.amax(dim=1, keepdim=True).detach()
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
