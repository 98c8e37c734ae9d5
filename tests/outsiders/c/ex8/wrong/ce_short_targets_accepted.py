"""WRONG: the length check only rejects MORE targets than rows (len(targets) > N, "too many labels"); fewer targets are matched to the first rows, and the mean is taken over those. Breaks "Raises ValueError ... when the batch sizes of logits and targets differ" (stub: "Raise ValueError when len(targets) != N"): cross_entropy(torch.tensor([[2.0, 1.0, 0.1], [0.0, 0.0, 5.0]]), torch.tensor([0])) returns 0.4170 instead of raising ValueError (verified).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def _validate(logits, targets):
    N, C = logits.shape
    if len(targets) > N:
        raise ValueError(f"{len(targets)} targets for a batch of {N}")
    if targets.min() < 0 or targets.max() >= C:
        raise ValueError(f"targets must lie in [0, {C})")
    return N, C


def cross_entropy(logits, targets):
    N, C = _validate(logits, targets)
    logits = logits[: len(targets)]
    m = logits.amax(dim=1, keepdim=True).detach()
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
