import math


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean() ** 0.5


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "MSE"
