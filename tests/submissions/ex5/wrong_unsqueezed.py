def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean().unsqueeze(0)   # return a 1-element tensor like a batch


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().mean().reshape(1)


MORE_OUTLIER_SENSITIVE = "mse"
