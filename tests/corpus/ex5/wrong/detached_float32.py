"""WRONG (result detached and always float32): mse rebuilds its result with torch.tensor(... .item()), a new float32 tensor with no autograd graph: right values in float32, float32 for float64 inputs, and no gradient reaches pred."""

import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")
    return torch.tensor(((pred - target) ** 2).mean().item())


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
