"""WRONG (missing error): only the number of dimensions is compared, so mse(torch.randn(1, 4), torch.randn(3, 4)) silently broadcasts and returns a value instead of raising ValueError."""

import torch


def _check_shapes(pred, target):
    if pred.dim() != target.dim():
        raise ValueError(f"pred is {pred.dim()}-D but target is {target.dim()}-D (did you forget a squeeze?)")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
