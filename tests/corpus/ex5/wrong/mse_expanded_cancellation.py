"""WRONG (values far from 0): mse is computed as mean(p^2) - 2*mean(p*t) + mean(t^2), which cancels catastrophically in float32, so mse(torch.tensor([1000.1, 999.9, 1000.3, 1000.0]), torch.tensor([1000.0, 1000.0, 1000.0, 1000.2])) returns 0.0 instead of 0.0375."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    # expand (p - t)^2 = p^2 - 2pt + t^2 and average each part
    return (pred * pred).mean() - 2 * (pred * target).mean() + (target * target).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
