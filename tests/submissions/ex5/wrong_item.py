import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    total = 0.0
    for p, t in zip(pred.flatten().tolist(), target.flatten().tolist()):
        total += (p - t) ** 2
    return torch.tensor(total / pred.numel(), dtype=pred.dtype)


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
