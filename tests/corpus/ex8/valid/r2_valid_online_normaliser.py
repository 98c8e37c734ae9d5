"""VALID: cross_entropy computes each row's log-normaliser in one streaming pass over the classes, keeping a running maximum m and a running sum s of exp(l - m) that is rescaled whenever the maximum grows (the "online softmax" trick), with a guard so that leading -inf logits do not produce -inf - (-inf); softmax is the plain max-shifted form written with Tensor methods (sub, exp, div)."""

import torch


def softmax(logits, dim=-1):
    shifted = logits.sub(logits.amax(dim=dim, keepdim=True))
    weights = shifted.exp()
    return weights.div(weights.sum(dim=dim, keepdim=True))


def _log_normaliser(logits):
    columns = logits.unbind(1)
    m = columns[0]
    s = torch.ones_like(m)
    for col in columns[1:]:
        new_m = torch.maximum(m, col)
        anchor = torch.where(torch.isneginf(new_m), torch.zeros_like(new_m), new_m)
        s = s * torch.exp(m - anchor) + torch.exp(col - anchor)
        m = new_m
    return m + torch.log(s)


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"logits have {n} rows but there are {targets.shape[0]} targets")
    bad = (targets < 0) | (targets >= c)
    if bool(bad.any()):
        raise ValueError(f"targets {targets[bad].tolist()} are outside [0, {c})")
    rows = torch.arange(n, device=logits.device)
    return (_log_normaliser(logits) - logits[rows, targets]).mean()
