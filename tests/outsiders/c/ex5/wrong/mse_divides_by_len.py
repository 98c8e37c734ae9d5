"""WRONG: mse divides the sum of squared errors by len(pred), the number of ROWS, which equals the element count only for 1-D inputs. Breaks the contract's "mse ... 0-dim means of the squared ... errors" for "any shape" (stub): mse(torch.zeros(2, 3), torch.ones(2, 3)) returns 3.0 instead of 1.0, and mse(torch.tensor(1.), torch.tensor(3.)) raises TypeError "len() of a 0-d tensor" instead of returning 4.0 (verified).
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    d = pred - target
    return (d * d).sum() / len(pred)


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
