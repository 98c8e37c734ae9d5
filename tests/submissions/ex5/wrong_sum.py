def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).sum()


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return abs(pred - target).mean()


MORE_OUTLIER_SENSITIVE = "mse"
