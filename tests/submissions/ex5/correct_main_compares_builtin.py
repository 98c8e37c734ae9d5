import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"


if __name__ == "__main__":
    import torch.nn.functional as F
    p = torch.tensor([2.0, 8.0, 5.0, 10.0])
    t = torch.tensor([3.0, 7.0, 5.0, 3.0])
    # check my versions against PyTorch's
    print(mse(p, t), F.mse_loss(p, t))
    print(mae(p, t), F.l1_loss(p, t))
