"""VALID: mse = torch.square(d).sum() / d.numel() and mae = torch.where(d >= 0, d, -d).sum() / d.numel(); at d == 0 the mae gradient is +1/N, inside the stub's allowed [-1/N, 1/N]. The difference is taken first (no cancellation), the count is a Python int (dtype kept, 0-dim result), the shape check compares torch.Size objects exactly and raises ValueError before any arithmetic, and the answer string is a plain "mse".
"""
import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"mse: shape {tuple(pred.shape)} != {tuple(target.shape)}")
    d = pred - target
    return torch.square(d).sum() / d.numel()


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"mae: shape {tuple(pred.shape)} != {tuple(target.shape)}")
    d = pred - target
    return torch.where(d >= 0, d, -d).sum() / d.numel()


MORE_OUTLIER_SENSITIVE = "mse"
