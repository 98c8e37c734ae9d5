# The book's Solution 5 put into the contract's functions: it uses the built-in losses.
import torch
import torch.nn as nn


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return nn.MSELoss()(pred, target)


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return nn.L1Loss()(pred, target)


MORE_OUTLIER_SENSITIVE = "mse"
