def mse(pred, target):
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
