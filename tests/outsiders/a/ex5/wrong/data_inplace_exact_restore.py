"""WRONG: mse saves memory by turning pred into the error in place through .data (pred.data.sub_(target)), squares a copy, and then restores pred exactly with pred.data.copy_(saved); values and pred._version end up as before, but it is an in-place operation on an argument (and while mse runs, pred holds the errors); breaks "Inputs stay as given ... no in-place operation at all, even one that leaves the values equal" and "mse ... never modify their inputs"."""

import torch


def _same_shape(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has {tuple(target.shape)}")


def mse(pred, target):
    """Mean of the squared errors, 0-dim."""
    _same_shape(pred, target)
    saved = pred.detach().clone()
    try:
        pred.data.sub_(target.data)
        err = pred.data.clone()
    finally:
        pred.data.copy_(saved)
    return ((pred - target) ** 2).mean() + (err * 0).sum()


def mae(pred, target):
    """Mean of the absolute errors, 0-dim."""
    _same_shape(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
