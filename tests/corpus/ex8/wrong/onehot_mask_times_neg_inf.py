"""WRONG (multiplication by a mask): the target log-probability is picked with (one_hot * log_probs).sum(1); with a masked-out class at -inf, 0 * -inf is nan: cross_entropy(torch.tensor([[0., float("-inf")]]), torch.tensor([0])) is nan while F.cross_entropy gives 0."""

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
    log_probs = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
    one_hot = torch.zeros_like(logits)
    one_hot[torch.arange(logits.shape[0]), targets] = 1.0
    return -(one_hot * log_probs).sum(dim=1).mean()
