"""WRONG (behaviour that differs by dtype): the sum is accumulated into torch.zeros(1), a float32 1-D tensor that wins type promotion over the 0-dim float64 sum, so mse on float64 inputs returns a float32 result, e.g. mse(torch.ones(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64)).dtype is torch.float32."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    total = torch.zeros(1)
    total = total + (diff ** 2).sum()
    return total[0] / diff.numel()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
