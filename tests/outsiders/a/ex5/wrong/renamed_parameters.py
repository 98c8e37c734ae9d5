"""WRONG: the losses are defined as mse(y_pred, y_true) and mae(y_pred, y_true), so the keyword call mse(pred=p, target=t) raises TypeError; breaks "The names and signatures below are the contract: keep them exactly" (mse(pred, target), mae(pred, target))."""

import torch


def _same_shape(a, b):
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {tuple(a.shape)} vs {tuple(b.shape)}")


def mse(y_pred, y_true):
    """Mean of the squared errors, 0-dim."""
    _same_shape(y_pred, y_true)
    return ((y_pred - y_true) ** 2).mean()


def mae(y_pred, y_true):
    """Mean of the absolute errors, 0-dim."""
    _same_shape(y_pred, y_true)
    return (y_pred - y_true).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
