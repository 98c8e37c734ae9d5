import torch


def _check(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")


def _diff(pred, target):
    target.data.neg_()              # in place on the caller's tensor, undone right after (exact)
    d = pred + target
    target.data.neg_()
    return d


def mse(pred, target):
    _check(pred, target)
    return (_diff(pred, target) ** 2).mean()


def mae(pred, target):
    _check(pred, target)
    return _diff(pred, target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
