"""WRONG: the shape check was written for mse only; mae (copy-pasted earlier) lacks it and silently broadcasts -- breaks "Both raise ValueError when pred.shape != target.shape"; shows on mae(torch.zeros(4, 1), torch.arange(4.)) which returns 1.5 (an (4, 4) broadcast) instead of raising.
"""
import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
