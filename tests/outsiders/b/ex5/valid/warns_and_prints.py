"""VALID: emits a UserWarning and prints a line when imported (nothing in the contract forbids output or warnings), computes the means as sum / numel with torch.sub / torch.square / torch.abs.
"""
import warnings

import torch

warnings.warn("ex5: losses written by hand, compare them with nn.MSELoss under __main__", UserWarning)
print("ex5 imported")


def mse(pred, target):
    if pred.size() != target.size():
        raise ValueError("pred and target must have the same shape, got %s and %s"
                         % (list(pred.size()), list(target.size())))
    return torch.square(torch.sub(pred, target)).sum() / pred.numel()


def mae(pred, target):
    if pred.size() != target.size():
        raise ValueError("pred and target must have the same shape, got %s and %s"
                         % (list(pred.size()), list(target.size())))
    return torch.abs(torch.sub(pred, target)).sum() / pred.numel()


MORE_OUTLIER_SENSITIVE = "mse"


if __name__ == "__main__":
    import torch.nn as nn
    p = torch.tensor([2., 8., 5., 10.])
    t = torch.tensor([3., 7., 5., 3.])
    print(mse(p, t), nn.MSELoss()(p, t), mae(p, t), nn.L1Loss()(p, t))
