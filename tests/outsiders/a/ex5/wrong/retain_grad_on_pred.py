"""WRONG: mse calls pred.retain_grad() ("so the caller can inspect the error gradient"), which changes a non-leaf argument: after y = w * 2; mse(y, t).backward(), y.grad is a tensor instead of None; breaks "Inputs stay as given. A function never changes its tensor arguments ...: not their values, not requires_grad, not .grad"."""

import torch


def _same_shape(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has {tuple(target.shape)}")


def mse(pred, target):
    """Mean of the squared errors, 0-dim."""
    _same_shape(pred, target)
    if pred.requires_grad and not pred.is_leaf:
        pred.retain_grad()
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    """Mean of the absolute errors, 0-dim."""
    _same_shape(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
