"""WRONG: calls torch.set_flush_denormal(True) at import "for speed" and never undoes it -- breaks "Global state stays as found. Importing the module or calling a function leaves PyTorch's global settings as they were"; shows right after import: torch.tensor([1e-40]) is now tensor([0.]) in every other piece of code (subnormals flushed to zero).
"""
import torch

torch.set_flush_denormal(True)


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
