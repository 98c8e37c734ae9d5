"""WRONG (wrong value): MORE_OUTLIER_SENSITIVE is 'MSE' in capitals, so MORE_OUTLIER_SENSITIVE == 'mse' is False although the contract allows only 'mse' or 'mae'."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "MSE"
