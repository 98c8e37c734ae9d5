"""VALID: cross_entropy's log-sum-exp written as m + torch.special.log1p(S - 1) with S = sum(exp(l - m)) >= 1 (torch.special is used, but none of its three forbidden functions); softmax divides with torch.div.
"""
import torch


def softmax(logits, dim=-1):
    e = torch.exp(logits - logits.amax(dim=dim, keepdim=True))
    return torch.div(e, e.sum(dim=dim, keepdim=True))


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError("batch sizes of logits and targets differ")
    if n and (targets.min().item() < 0 or targets.max().item() >= c):
        raise ValueError("target outside [0, C)")
    m = logits.amax(dim=1, keepdim=True)
    s = torch.exp(logits - m).sum(dim=1)
    lse = m.squeeze(1) + torch.special.log1p(s - 1)
    return (lse - logits[torch.arange(n), targets]).mean()
