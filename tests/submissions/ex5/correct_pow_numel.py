def _same_shape(pred, target):
    if tuple(pred.shape) != tuple(target.shape):
        raise ValueError(f"pred {tuple(pred.shape)} and target {tuple(target.shape)} must have the same shape")


def mse(pred, target):
    _same_shape(pred, target)
    diff = pred - target
    return diff.pow(2).sum() / pred.numel()


def mae(pred, target):
    _same_shape(pred, target)
    return (pred - target).abs().sum() / pred.numel()


MORE_OUTLIER_SENSITIVE = "mse"
