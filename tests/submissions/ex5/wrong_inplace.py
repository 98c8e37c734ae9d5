def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    pred -= target
    return (pred ** 2).mean()


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
