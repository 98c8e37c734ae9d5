"""WRONG: mse expands (p - t)^2 into p^2 - 2pt + t^2 ("fewer temporaries"), which cancels catastrophically when p and t are close. Breaks the stub's "Equal to the formula within float rounding (a relative 1e-4 in float32 ...), also for values near 1000 that lie close together: take the difference pred - target first (expanding the square cancels)" - and it already fails at magnitude 10: mse(torch.tensor([10.001]), torch.tensor([10.0])) gives 7.63e-06 in float32 instead of 1.0008e-06, 7.6 times too large (verified); with values near 1000 a few thousandths apart the error is hundreds of times the answer.
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    return (pred * pred - 2 * pred * target + target * target).mean()


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
