"""VALID: mse = ||d||_2^2 / N and mae = ||d||_1 / N with torch.linalg.vector_norm (a plain vector norm, not one of the forbidden loss functions). The L2 norm is computed with scaling, so it is accurate; its gradient is d/||d||, times 2||d||/N gives 2d/N, and at d == 0 PyTorch defines it as 0 (so mse(x, x) is 0 with gradient 0); the L1 norm's gradient is sign(d)/N (0 where d == 0). vector_norm over all elements works for 0-dim and non-contiguous inputs; dtype kept; ValueError on any shape difference; the result is 0-dim.
"""
import torch


def _require_same_shape(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shapes differ: {list(pred.shape)} vs {list(target.shape)}")


def mse(pred, target):
    _require_same_shape(pred, target)
    d = pred - target
    return torch.linalg.vector_norm(d) ** 2 / d.numel()


def mae(pred, target):
    _require_same_shape(pred, target)
    d = pred - target
    return torch.linalg.vector_norm(d, ord=1) / d.numel()


MORE_OUTLIER_SENSITIVE = "mse"
