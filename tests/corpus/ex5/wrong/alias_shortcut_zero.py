"""WRONG (arguments that alias): when pred is target the function returns a fresh torch.zeros(()), so mse(p, p) for a float64 p with requires_grad=True is float32 and not differentiable instead of a float64 0 with a graph."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    if pred is target:
        return torch.zeros(())  # a tensor compared with itself has no error
    diff = pred - target
    return (diff ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
