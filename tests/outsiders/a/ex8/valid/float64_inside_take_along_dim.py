"""VALID: both functions compute in float64 internally and cast the result back to the input dtype; cross_entropy picks the target logits with torch.take_along_dim and averages with sum() / N; softmax uses torch.max(...).values instead of amax."""

import torch


def softmax(logits, dim=-1):
    x = logits.double()
    e = torch.exp(x - torch.max(x, dim=dim, keepdim=True).values)
    return (e / e.sum(dim=dim, keepdim=True)).to(logits.dtype)


def cross_entropy(logits, targets):
    if logits.shape[0] != targets.shape[0]:
        raise ValueError("logits and targets disagree on the batch size")
    c = logits.shape[1]
    if bool(((targets < 0) | (targets >= c)).any()):
        raise ValueError("a target lies outside [0, %d)" % c)
    x = logits.double()
    m = torch.max(x, dim=1, keepdim=True).values
    lse = (m + torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))).squeeze(1)
    picked = torch.take_along_dim(x, targets.unsqueeze(1), dim=1).squeeze(1)
    n = x.shape[0]
    return ((lse - picked).sum() / n).to(logits.dtype)
