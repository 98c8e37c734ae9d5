"""VALID: both losses are computed in float64 and cast back to the input dtype with .to(pred.dtype), which keeps the dtype and the graph."""

import torch


def _diff64(pred, target):
    if pred.shape != target.shape:
        raise ValueError("pred.shape %r != target.shape %r" % (tuple(pred.shape), tuple(target.shape)))
    return pred.double() - target.double()


def mse(pred, target):
    return _diff64(pred, target).square().mean().to(pred.dtype)


def mae(pred, target):
    return _diff64(pred, target).abs().mean().to(pred.dtype)


MORE_OUTLIER_SENSITIVE = "mse"
