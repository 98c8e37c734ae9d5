"""VALID: both losses are computed in float64 internally (pred.double(), target.double()) and the 0-dim result is cast back to pred's dtype with .to(), staying differentiable; the shape check compares torch.Size objects with !=."""

import torch


def _check(pred, target):
    if pred.size() != target.size():
        raise ValueError("pred %s vs target %s" % (tuple(pred.size()), tuple(target.size())))


def mse(pred, target):
    _check(pred, target)
    d = pred.double() - target.double()
    return (d * d).mean().to(pred.dtype)


def mae(pred, target):
    _check(pred, target)
    d = pred.double() - target.double()
    return d.abs().mean().to(pred.dtype)


MORE_OUTLIER_SENSITIVE = "mse"
