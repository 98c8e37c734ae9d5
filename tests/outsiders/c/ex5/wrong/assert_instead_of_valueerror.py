"""WRONG: the shape check is an assert, so a mismatch raises AssertionError (and nothing at all under python -O). Breaks "Both raise ValueError when pred.shape != target.shape": mse(torch.zeros(4, 1), torch.zeros(4)) raises AssertionError, which `except ValueError` does not catch (verified).
"""
import torch


def _check(pred, target):
    assert pred.shape == target.shape, f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}"


def mse(pred, target):
    _check(pred, target)
    d = pred - target
    return (d * d).mean()


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
