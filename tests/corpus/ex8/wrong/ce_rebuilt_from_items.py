"""WRONG (not differentiable): the per-sample losses are turned into Python floats with .item() and the mean is rebuilt with torch.tensor(...), so with logits = torch.randn(2, 3, requires_grad=True), cross_entropy(logits, torch.tensor([0, 1])).backward() raises (no grad_fn); the values are right."""

import torch


def _check(logits, targets):
    if logits.dim() != 2:
        raise ValueError(f"logits must be (N, C), got {tuple(logits.shape)}")
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if bool(((targets < 0) | (targets >= c)).any()):
        raise ValueError(f"targets must lie in [0, {c})")


def softmax(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    per_sample = [v.item() for v in (lse - picked)]
    return torch.tensor(sum(per_sample) / len(per_sample), dtype=logits.dtype)
