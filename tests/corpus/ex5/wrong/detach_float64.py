"""WRONG (result detached, float64 only): for float64 inputs mse is recomputed through a Python float for exactness, so mse(p, t) for float64 p with requires_grad=True has no grad_fn and backward() raises RuntimeError."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    result = (diff ** 2).mean()
    if result.dtype == torch.float64:
        # float64 is used when you want exact numbers: go through a Python float
        return torch.tensor(result.item(), dtype=torch.float64)
    return result


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return diff.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
