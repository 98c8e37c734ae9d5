"""WRONG (missing error): shapes are compared by element count only, so mse(torch.randn(4, 1), torch.randn(4)) returns a value instead of raising ValueError."""

import torch


def _check_shapes(pred, target):
    if pred.numel() != target.numel():
        raise ValueError(f"pred has {pred.numel()} elements but target has {target.numel()}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred.reshape(-1) - target.reshape(-1)
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred.reshape(-1) - target.reshape(-1)
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
