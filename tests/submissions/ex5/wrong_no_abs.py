def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    errors = pred - target
    return errors.mean()


MORE_OUTLIER_SENSITIVE = "mae"
