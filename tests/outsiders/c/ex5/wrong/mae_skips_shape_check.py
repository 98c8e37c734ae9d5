"""WRONG: only mse calls the shape check; mae was written first and never got it, so an (N, 1) against (N,) pair broadcasts silently to (N, N). Breaks the contract's "Both raise ValueError when pred.shape != target.shape": mae(torch.tensor([[1.], [2.]]), torch.tensor([1., 2.])) returns tensor(0.5) (the mean of the 2x2 broadcast |differences|) instead of raising ValueError (verified).
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
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
