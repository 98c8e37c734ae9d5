"""VALID: no module-level import at all (torch is imported lazily inside the functions); mse uses einsum over flattened float64 copies, mae sums |d| in float64, and both cast back to the input dtype; type annotations as strings.
"""
from __future__ import annotations


def _prepare(pred: "torch.Tensor", target: "torch.Tensor"):
    if tuple(pred.shape) != tuple(target.shape):
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has {tuple(target.shape)}")
    return (pred.double() - target.double()).reshape(-1)


def mse(pred: "torch.Tensor", target: "torch.Tensor") -> "torch.Tensor":
    import torch
    d = _prepare(pred, target)
    return (torch.einsum("i,i->", d, d) / d.numel()).to(pred.dtype)


def mae(pred: "torch.Tensor", target: "torch.Tensor") -> "torch.Tensor":
    d = _prepare(pred, target)
    return (d.abs().sum() / d.numel()).to(pred.dtype)


MORE_OUTLIER_SENSITIVE = "mse"
