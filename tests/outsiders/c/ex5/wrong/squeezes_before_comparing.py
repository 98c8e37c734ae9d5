"""WRONG: the shape check first squeezes both tensors ("(N, 1) and (N,) are the same data"), then compares and computes on the squeezed tensors. Breaks "Both raise ValueError when pred.shape != target.shape (a (N, 1) against (N,) pair would otherwise broadcast silently ...)": mse(torch.zeros(4, 1), torch.ones(4)) returns tensor(1.) instead of raising ValueError (verified).
"""
import torch


def _check(pred, target):
    pred, target = pred.squeeze(), target.squeeze()
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")
    return pred, target


def mse(pred, target):
    pred, target = _check(pred, target)
    d = pred - target
    return (d * d).mean()


def mae(pred, target):
    pred, target = _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
