"""WRONG: MORE_OUTLIER_SENSITIVE is "MSE" (upper case, as the book writes it). Breaks the contract's "MORE_OUTLIER_SENSITIVE: str: "mse" or "mae"" (stub: "Exactly that text, lowercase"): "MSE" == "mse" is False (verified); the two functions themselves are correct.
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    d = pred - target
    return (d * d).mean()


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "MSE"
