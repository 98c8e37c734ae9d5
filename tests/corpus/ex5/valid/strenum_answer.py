"""VALID: the losses as small reductions over a shared difference, and MORE_OUTLIER_SENSITIVE as a StrEnum member (a str subclass equal to "mse", as the contract's Types rule allows)."""

from enum import StrEnum

import torch


class Loss(StrEnum):
    MSE = "mse"
    MAE = "mae"


def _difference(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shapes differ: {tuple(pred.shape)} vs {tuple(target.shape)}")
    return pred - target


def mse(pred, target):
    d = _difference(pred, target)
    return (d * d).mean()


def mae(pred, target):
    return _difference(pred, target).abs().mean()


MORE_OUTLIER_SENSITIVE = Loss.MSE
