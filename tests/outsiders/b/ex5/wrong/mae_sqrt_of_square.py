"""WRONG: mae computes |d| as sqrt(d**2), whose backward is 0 * inf = nan wherever an error is exactly 0 -- breaks "mse ... and mae ...: ... Differentiable" (the gradient of the mean absolute error is finite everywhere; PyTorch's abs gives 0 at 0); shows on the book's example pred=[2., 8., 5., 10.], target=[3., 7., 5., 3.] (third error is 0): pred.grad = [-0.25, 0.25, nan, 0.25].
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    _check(pred, target)
    return torch.sqrt((pred - target) ** 2).mean()


MORE_OUTLIER_SENSITIVE = "mse"
