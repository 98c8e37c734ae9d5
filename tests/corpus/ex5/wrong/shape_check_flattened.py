"""WRONG (the empty shape ()): shapes are compared after reshape(-1), which maps () and (1,) to the same shape, so mse(torch.tensor(1.), torch.tensor([2.])) returns 1.0 instead of raising ValueError."""

import torch


def _check_shapes(pred, target):
    # (N, 1) vs (N,) is the dangerous case: compare both as flat vectors *and* by rank
    if pred.reshape(-1).shape != target.reshape(-1).shape or (pred.dim() > 1) != (target.dim() > 1):
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
