"""WRONG: the shape check compares element counts (pred.numel() != target.numel()), so any two shapes with the same number of elements pass. Breaks the contract's "Both raise ValueError when pred.shape != target.shape" (stub: "otherwise raise ValueError, even when they could broadcast: ... () against (1,)"): mse(torch.tensor(2.), torch.tensor([3.])) returns tensor(1.) instead of raising ValueError (verified); mse of a (2, 3) against a (3, 2) tensor also returns a value.
"""
import torch


def _check(pred, target):
    if pred.numel() != target.numel():
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    d = pred - target
    return (d * d).mean()


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
