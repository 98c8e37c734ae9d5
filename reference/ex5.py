"""Reference solution, Exercise 5: MSE and MAE by hand."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
