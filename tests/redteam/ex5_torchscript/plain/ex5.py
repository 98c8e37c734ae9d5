import torch
import torch.nn.functional as F


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    return F.mse_loss(pred, target)


def mae(pred, target):
    _check(pred, target)
    return F.l1_loss(pred, target)


MORE_OUTLIER_SENSITIVE = "mse"
