import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shape mismatch")
    return torch.mean(torch.square(pred - target))


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shape mismatch")
    return torch.mean(torch.abs(pred - target))


MORE_OUTLIER_SENSITIVE = "mse"
