"""VALID: mse is computed as mean(d)^2 + var(d) (population variance, correction=0), an exact identity for the mean of d^2; both terms are non-negative, so there is no cancellation, torch.var is computed stably, and the gradient (2*(d - mean)/N + 2*mean/N = 2d/N) is autograd's of the formula. mae uses d * sign(d): the same values as |d| and the same gradient, sign(d) (0 where d == 0). Shapes are compared exactly (ValueError otherwise), dtype is kept, inputs are untouched, 0-dim inputs work (var of one element with correction=0 is 0).
"""
import torch


def _same_shape(pred, target):
    if tuple(pred.shape) != tuple(target.shape):
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _same_shape(pred, target)
    d = (pred - target).reshape(-1)
    return d.mean() ** 2 + d.var(correction=0)


def mae(pred, target):
    _same_shape(pred, target)
    d = pred - target
    return (d * torch.sign(d)).mean()


MORE_OUTLIER_SENSITIVE = "mse"
