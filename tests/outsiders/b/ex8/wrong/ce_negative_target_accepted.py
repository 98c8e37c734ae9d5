"""WRONG: the target check only looks at the upper bound (targets >= C), so a negative target indexes from the end (Python-style) and is silently accepted -- breaks "Raises ValueError when a target is outside [0, C)"; shows on cross_entropy(torch.zeros(2, 3), torch.tensor([0, -1])) which returns log(3) instead of raising.
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    if logits.dim() != 2:
        raise ValueError("logits must be (N, C)")
    N, C = logits.shape
    if targets.dim() != 1 or targets.shape[0] != N:
        raise ValueError("batch sizes differ")
    if N > 0 and int(targets.max()) >= C:
        raise ValueError("target out of range")
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits[torch.arange(N), targets]
    return (lse - picked).mean()
