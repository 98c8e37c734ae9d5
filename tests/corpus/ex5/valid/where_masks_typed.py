"""VALID: the absolute value is built from torch.where masks (0 exactly where pred == target), with type hints, docstrings and an explicit sum / numel mean."""

from __future__ import annotations

import torch
from torch import Tensor


def _check(pred: Tensor, target: Tensor) -> None:
    """Refuse mismatched shapes before anything can broadcast."""
    if pred.size() != target.size():
        raise ValueError(f"mse/mae need equal shapes, got {pred.size()} and {target.size()}")


def mse(pred: Tensor, target: Tensor) -> Tensor:
    """Mean of the squared errors as a 0-dim tensor."""
    _check(pred, target)
    err = pred - target
    return (err * err).sum() / err.numel()


def mae(pred: Tensor, target: Tensor) -> Tensor:
    """Mean of the absolute errors as a 0-dim tensor."""
    _check(pred, target)
    err = pred - target
    zero = torch.zeros_like(err)
    absolute = torch.where(err > 0, err, torch.where(err < 0, -err, zero))
    return absolute.sum() / err.numel()


MORE_OUTLIER_SENSITIVE: str = "mse"
