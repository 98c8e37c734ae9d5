"""VALID: the element-wise products are written with torch.einsum('...,...->...') (any rank, including 0-dim), and |d| is d * sign(d), whose gradient at d == 0 is 0 like abs."""

import torch


def _same_shape(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: pred {list(pred.shape)} vs target {list(target.shape)}")
    return pred - target


def mse(pred, target):
    d = _same_shape(pred, target)
    return torch.einsum("...,...->...", d, d).mean()


def mae(pred, target):
    d = _same_shape(pred, target)
    return torch.einsum("...,...->...", d, torch.sign(d)).mean()


MORE_OUTLIER_SENSITIVE = "mse"
