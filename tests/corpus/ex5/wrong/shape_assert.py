"""WRONG (wrong error type): the shape check is an assert, so mse(torch.randn(4, 1), torch.randn(4)) raises AssertionError instead of ValueError."""

import torch


def _check_shapes(pred, target):
    assert pred.shape == target.shape, f"pred {tuple(pred.shape)} vs target {tuple(target.shape)}"


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
