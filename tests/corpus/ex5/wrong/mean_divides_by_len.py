"""WRONG (shapes at the edges): the mean divides the sum by len(pred), the first dimension only, so mse(torch.ones(3, 4), torch.zeros(3, 4)) returns 4.0 instead of 1.0 (and 0-dim inputs raise TypeError)."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).sum() / len(pred)


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().sum() / len(pred)


MORE_OUTLIER_SENSITIVE = "mse"
