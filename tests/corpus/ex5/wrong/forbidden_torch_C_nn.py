"""WRONG (forbidden call reached indirectly): mse and mae call torch._C._nn.mse_loss and torch._C._nn.l1_loss, the C kernels behind F.mse_loss and F.l1_loss, e.g. in mse(torch.randn(4), torch.randn(4))."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    return torch._C._nn.mse_loss(pred, target, 1)  # reduction 1 = mean


def mae(pred, target):
    _check_shapes(pred, target)
    return torch._C._nn.l1_loss(pred, target, 1)  # reduction 1 = mean


MORE_OUTLIER_SENSITIVE = "mse"
