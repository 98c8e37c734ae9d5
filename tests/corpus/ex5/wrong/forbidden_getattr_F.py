"""WRONG (forbidden call reached indirectly): the losses are fetched by name as getattr(F, 'mse' + '_loss') and getattr(F, 'l1' + '_loss'), e.g. in mae(torch.randn(4), torch.randn(4))."""

import torch.nn.functional as F
import torch


_LOSSES = {name: getattr(F, name + "_loss") for name in ("mse", "l1")}


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    return _LOSSES["mse"](pred, target)


def mae(pred, target):
    _check_shapes(pred, target)
    return _LOSSES["l1"](pred, target)


MORE_OUTLIER_SENSITIVE = "mse"
