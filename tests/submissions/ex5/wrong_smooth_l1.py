import torch
import torch.nn.functional as F


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    # smooth L1 with beta=0 is exactly the L1 loss
    return F.smooth_l1_loss(pred, target, beta=0.0)


MORE_OUTLIER_SENSITIVE = "mse"
