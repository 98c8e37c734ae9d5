"""VALID: mse uses torch.einsum for the sum of squares divided by numel, mae sums |error| and divides; the shape error is a custom ValueError subclass; MORE_OUTLIER_SENSITIVE is a str subclass equal to "mse"."""

import torch


class LossName(str):
    """A str subclass naming a loss."""


class ShapeMismatch(ValueError):
    pass


def _err(pred, target):
    if tuple(pred.shape) != tuple(target.shape):
        raise ShapeMismatch("shapes %s and %s differ" % (list(pred.shape), list(target.shape)))
    return pred - target


def mse(pred, target):
    d = _err(pred, target)
    return torch.einsum("...,...->", d, d) / d.numel()


def mae(pred, target):
    d = _err(pred, target)
    return d.abs().sum() / d.numel()


MORE_OUTLIER_SENSITIVE = LossName("mse")
