"""WRONG (forbidden call reached indirectly): mse imports torch.nn.functional through importlib.import_module('torch.nn.' + 'functional') and calls its mse_loss, e.g. in mse(torch.randn(4), torch.randn(4))."""

import importlib
import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    fn = importlib.import_module("torch.nn." + "functional")
    return fn.mse_loss(pred, target)


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
