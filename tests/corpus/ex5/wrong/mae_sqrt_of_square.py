"""WRONG (NaN gradient): mae takes |d| as sqrt(d^2), whose gradient is NaN where pred == target, so mae(p, t).backward() on the book's example (5. vs 5.) gives a NaN in pred.grad instead of 0."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return torch.sqrt(diff ** 2).mean()


MORE_OUTLIER_SENSITIVE = "mse"
