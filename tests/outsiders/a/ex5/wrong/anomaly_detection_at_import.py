"""WRONG: the module turns on autograd anomaly detection at import (torch.autograd.set_detect_anomaly(True), "to catch NaN gradients") and leaves it on, so torch.is_anomaly_enabled() is True after import; breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were"."""

import torch

torch.autograd.set_detect_anomaly(True)


def _same_shape(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has {tuple(target.shape)}")


def mse(pred, target):
    """Mean of the squared errors, 0-dim."""
    _same_shape(pred, target)
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    """Mean of the absolute errors, 0-dim."""
    _same_shape(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
