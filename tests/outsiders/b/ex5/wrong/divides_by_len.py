"""WRONG: both losses divide the sum by len(pred), the size of the FIRST dimension only, instead of the number of elements -- breaks "0-dim means of the squared and absolute errors" for inputs of "any shape"; shows on pred = torch.ones(2, 3), target = torch.zeros(2, 3): mse gives 3.0 instead of 1.0 (1-D inputs such as the book's are right).
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    d = pred - target
    return (d ** 2).sum() / (len(d) if d.dim() else 1)


def mae(pred, target):
    _check(pred, target)
    d = pred - target
    return d.abs().sum() / (len(d) if d.dim() else 1)


MORE_OUTLIER_SENSITIVE = "mse"
