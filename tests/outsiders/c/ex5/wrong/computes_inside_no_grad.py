"""WRONG: both losses run their shape check AND the arithmetic inside `with torch.no_grad():` ("checking should not build a graph"), so the returned loss is cut off from pred and target. Breaks the contract's "mse ... and mae ...: Differentiable" (stub: "Stay differentiable with respect to pred and target"): with p = torch.tensor([2., 8.], requires_grad=True), mse(p, torch.tensor([3., 7.])).requires_grad is False and .backward() raises RuntimeError "element 0 of tensors does not require grad" (verified).
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    with torch.no_grad():
        _check(pred, target)
        d = pred - target
        return (d * d).mean()


def mae(pred, target):
    with torch.no_grad():
        _check(pred, target)
        return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
