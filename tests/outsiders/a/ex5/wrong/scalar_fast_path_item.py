"""WRONG: for 0-dim inputs mse and mae take a "fast path" through Python floats (.item()) and return torch.tensor(value, dtype=pred.dtype), which is 0-dim and right in value but cut off from autograd: mse(torch.tensor(3., requires_grad=True), torch.tensor(1.)) has no grad_fn; breaks "mse ... Differentiable" (and the stub's "Stay differentiable: no .item(), .tolist() or torch.tensor(...) on the result")."""

import torch


def _same_shape(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has {tuple(target.shape)}")


def mse(pred, target):
    """Mean of the squared errors, 0-dim."""
    _same_shape(pred, target)
    if pred.dim() == 0:
        return torch.tensor((pred.item() - target.item()) ** 2, dtype=pred.dtype)
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    """Mean of the absolute errors, 0-dim."""
    _same_shape(pred, target)
    if pred.dim() == 0:
        return torch.tensor(abs(pred.item() - target.item()), dtype=pred.dtype)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
