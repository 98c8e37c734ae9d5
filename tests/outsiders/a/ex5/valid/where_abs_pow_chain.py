"""VALID: mse is a method chain torch.sub(...).pow(2).sum().div(numel) and mae builds |d| with torch.where(d >= 0, d, -d) (its slope at d == 0 is +1, one of the valid subgradients of |d|; the contract asks only for a differentiable mean of absolute errors)."""

import torch


def _diff(pred, target):
    if pred.shape != target.shape:
        raise ValueError("pred %s and target %s must have the same shape" % (tuple(pred.shape), tuple(target.shape)))
    return torch.sub(pred, target)


def mse(pred, target):
    d = _diff(pred, target)
    return d.pow(2).sum().div(d.numel())


def mae(pred, target):
    d = _diff(pred, target)
    return torch.where(d >= 0, d, -d).sum().div(d.numel())


MORE_OUTLIER_SENSITIVE = "mse"
