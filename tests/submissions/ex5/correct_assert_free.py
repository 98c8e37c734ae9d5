import torch


class ShapeMismatch(ValueError):
    pass


def mse(pred, target):
    if pred.size() != target.size():
        raise ShapeMismatch("pred and target differ in shape")
    errors = pred - target
    return (errors * errors).mean()


def mae(pred, target):
    if pred.size() != target.size():
        raise ShapeMismatch("pred and target differ in shape")
    return torch.where(pred > target, pred - target, target - pred).mean()


MORE_OUTLIER_SENSITIVE = "mse"
