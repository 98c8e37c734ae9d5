"""VALID: the mean over all elements is taken one dimension at a time by a recursive helper (a mean of equal-sized means), and the shape check compares torch.Size objects as lists."""

import torch


def _mean_all(t):
    # mean over the last dimension until nothing is left (0-dim stays as it is)
    return t if t.dim() == 0 else _mean_all(t.mean(dim=-1))


def _diff(pred, target):
    if list(pred.shape) != list(target.shape):
        raise ValueError("pred and target must have the same shape, got "
                         + str(list(pred.shape)) + " and " + str(list(target.shape)))
    return pred - target


def mse(pred, target):
    return _mean_all(_diff(pred, target).pow(2))


def mae(pred, target):
    return _mean_all(_diff(pred, target).abs())


MORE_OUTLIER_SENSITIVE = "mse"
