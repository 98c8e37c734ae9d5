"""WRONG: checks the shapes with `assert pred.shape == target.shape`, which raises AssertionError (and vanishes entirely under python -O) -- breaks "Both raise ValueError when pred.shape != target.shape"; shows on mse(torch.zeros(4, 1), torch.zeros(4)).
"""
import torch


def mse(pred, target):
    assert pred.shape == target.shape, f"shape mismatch {pred.shape} vs {target.shape}"
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    assert pred.shape == target.shape, f"shape mismatch {pred.shape} vs {target.shape}"
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
