"""WRONG (inputs modified in place, float64 only): for float64 inputs without requires_grad, mae subtracts in place into pred to save memory, so after mae(p, t) with p = torch.tensor([2., 8.], dtype=torch.float64), t = torch.tensor([3., 7.], dtype=torch.float64), p has become [-1., 1.]."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    if pred.dtype == torch.float64 and not pred.requires_grad:
        diff = pred.sub_(target)  # float64 tensors are big: reuse pred's memory
    else:
        diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
