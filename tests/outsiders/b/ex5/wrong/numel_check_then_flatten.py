"""WRONG: compares only the element counts and then flattens both tensors, so an (N, 1) against (N,) pair is silently accepted -- breaks "Both raise ValueError when pred.shape != target.shape"; shows on mse(torch.zeros(4, 1), torch.zeros(4)) which returns tensor(0.) instead of raising (the value is the right one for the flattened pair).
"""
import torch


def mse(pred, target):
    if pred.numel() != target.numel():
        raise ValueError(f"{pred.numel()} predictions but {target.numel()} targets")
    d = pred.reshape(-1) - target.reshape(-1)
    return (d ** 2).mean()


def mae(pred, target):
    if pred.numel() != target.numel():
        raise ValueError(f"{pred.numel()} predictions but {target.numel()} targets")
    d = pred.reshape(-1) - target.reshape(-1)
    return d.abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
