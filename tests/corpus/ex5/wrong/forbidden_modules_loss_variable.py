"""WRONG (forbidden call reached indirectly): nn.MSELoss and nn.L1Loss are reached through the module path torch.nn.modules.loss and kept in variables, e.g. in mse(torch.randn(4), torch.randn(4))."""

from torch.nn.modules import loss as _loss_module
import torch


_squared = getattr(_loss_module, "MSE" + "Loss")()
_absolute = getattr(_loss_module, "L1" + "Loss")()


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    return _squared(pred, target)


def mae(pred, target):
    _check_shapes(pred, target)
    return _absolute(pred, target)


MORE_OUTLIER_SENSITIVE = "mse"
