import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shape mismatch")


def mse(pred, target):
    _check(pred, target)
    return ((pred - target) ** 2).sum()     # wrong: a sum, not a mean


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().sum()


MORE_OUTLIER_SENSITIVE = "mse"
