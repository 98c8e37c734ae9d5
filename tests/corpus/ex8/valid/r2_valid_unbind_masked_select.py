"""VALID: softmax splits the tensor into its slices along dim with unbind, takes the running maximum with torch.maximum, and stacks the normalised slices back along the same dim (negative dims included); cross_entropy picks each row's target logit with masked_select through a boolean identity-matrix row per target, and raises ValueError from checks that run on Python ints."""

import functools

import torch


def softmax(logits, dim=-1):
    slices = logits.unbind(dim)
    peak = functools.reduce(torch.maximum, slices)
    exps = [torch.exp(s - peak) for s in slices]
    total = functools.reduce(torch.add, exps)
    return torch.stack([e / total for e in exps], dim=dim)


def cross_entropy(logits, targets):
    n, c = logits.shape
    if len(targets) != n:
        raise ValueError(f"expected {n} targets, got {len(targets)}")
    if n and not (0 <= int(targets.min()) and int(targets.max()) < c):
        raise ValueError(f"every target must be a class index in [0, {c})")
    pick = torch.eye(c, dtype=torch.bool, device=logits.device)[targets]   # (n, c), one True per row
    target_logit = logits.masked_select(pick)                               # (n,), in row order
    peak = logits.amax(dim=1)
    log_norm = peak + torch.log(torch.exp(logits - peak.unsqueeze(1)).sum(dim=1))
    return (log_norm - target_logit).mean()
