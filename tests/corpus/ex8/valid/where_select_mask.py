"""VALID: the target logit is selected with torch.where(class_index == target, logits, 0).sum(1) (a where, not a multiplication, so -inf logits of other classes stay harmless); the row maximum comes from torch.max(...).values and the checks build a boolean mask first."""

import torch


def softmax(logits, dim=-1):
    peak = torch.max(logits, dim=dim, keepdim=True).values
    weights = torch.exp(torch.sub(logits, peak))
    return torch.div(weights, torch.sum(weights, dim=dim, keepdim=True))


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape != (n,):
        raise ValueError(f"targets must have shape ({n},), got {tuple(targets.shape)}")
    out_of_range = (targets < 0) | (targets >= c)
    if out_of_range.any():
        raise ValueError(f"targets {targets[out_of_range].tolist()} are not in [0, {c})")
    is_target = torch.arange(c, device=logits.device).unsqueeze(0) == targets.unsqueeze(1)
    target_logit = torch.where(is_target, logits, torch.zeros_like(logits)).sum(dim=1)
    peak = torch.max(logits, dim=1).values
    log_norm = peak + torch.log(torch.exp(logits - peak.unsqueeze(1)).sum(dim=1))
    return (log_norm - target_logit).mean()
