"""VALID: mse as a dot product of the flattened difference with itself divided by N (torch.dot on .reshape(-1), which works for views; for 0-dim inputs reshape gives one element), mae via torch.maximum(d, -d) (|d|; at d == 0 the gradient is split 0.5/0.5 between the two equal arguments and cancels to 0). MORE_OUTLIER_SENSITIVE is a StrEnum member equal to "mse" (the stub: "a str subclass equal to it, such as a StrEnum member, is fine too"). Shape mismatch raises ValueError; dtype kept; differentiable; inputs untouched.
"""
import enum

import torch


class Loss(enum.StrEnum):
    MSE = "mse"
    MAE = "mae"


def _check_shapes(pred, target):
    if pred.size() != target.size():
        raise ValueError("pred and target must have the same shape, got "
                         f"{tuple(pred.size())} and {tuple(target.size())}")


def mse(pred, target):
    _check_shapes(pred, target)
    d = (pred - target).reshape(-1)
    return torch.dot(d, d) / d.numel()


def mae(pred, target):
    _check_shapes(pred, target)
    d = pred - target
    return torch.maximum(d, -d).mean()


MORE_OUTLIER_SENSITIVE = Loss.MSE
