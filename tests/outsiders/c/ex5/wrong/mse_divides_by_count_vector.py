"""WRONG: mse divides the sum by torch.tensor([n]) (a 1-element vector holding the element count), so the result has shape (1,) instead of being 0-dim. Breaks the contract's "mse(pred, target) -> Tensor ...: 0-dim means" (stub: "as a 0-dim tensor"): mse(torch.tensor([2., 8., 5., 10.]), torch.tensor([3., 7., 5., 3.])) returns tensor([12.75]) with shape (1,) instead of tensor(12.75) with shape () (verified).
"""
import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def mse(pred, target):
    _check(pred, target)
    d = pred - target
    n = torch.tensor([d.numel()])
    return (d * d).sum() / n


def mae(pred, target):
    _check(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
