"""WRONG: importing the module calls torch.set_flush_denormal(True) ("denormals are slow") and never undoes it, so afterwards torch.tensor(1e-40) * 1 is 0 instead of 1e-40 process-wide; breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were"."""

import torch

torch.set_flush_denormal(True)


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
