"""VALID: the log-sum-exp is written as m + log1p(sum(exp(l - m)) - 1) (the shifted sum is at least 1, so log1p is exact there); softmax divides by the sum via torch.div with keepdim sums over a dim normalised with a helper; targets are validated with torch.any."""

import torch


def _norm_dim(dim, ndim):
    return dim + ndim if dim < 0 else dim


def softmax(logits, dim=-1):
    if logits.dim() > 0:
        dim = _norm_dim(dim, logits.dim())
    e = torch.exp(logits - logits.amax(dim=dim, keepdim=True))
    return torch.div(e, e.sum(dim=dim, keepdim=True))


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError("expected %d targets, got %d" % (n, targets.shape[0]))
    if torch.any(targets < 0) or torch.any(targets >= c):
        raise ValueError("every target must be in [0, %d)" % c)
    m = logits.amax(dim=1)
    s = torch.exp(logits - m.unsqueeze(1)).sum(dim=1)
    lse = m + torch.log1p(s - 1)
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return torch.mean(lse - picked)
