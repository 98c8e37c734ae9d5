"""Common mistakes in Exercise 5, each a wrong `mse` or `mae` a beginner really writes."""

import torch
import torch.nn.functional as F

from grader.misconceptions import misconception


@misconception("mse", ".sum() instead of .mean()",
               "A mean divides by the number of elements: use .mean(), not .sum(). Section 7 defines MSE as the "
               "average of the squared errors.")
def mse_sum(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).sum()


@misconception("mse", "RMSE (a square root) instead of MSE",
               "MSE is the mean of the squared errors, with no square root: drop torch.sqrt.")
def rmse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return torch.sqrt(((pred - target) ** 2).mean())


@misconception("mae", "MAE without the absolute value",
               "Positive and negative errors cancel out without .abs(): take |pred - target| before the mean.")
def mae_no_abs(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).mean()


@misconception("mae", ".sum() instead of .mean() in MAE",
               "A mean divides by the number of elements: use .mean(), not .sum().")
def mae_sum(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().sum()


@misconception("mse", "no shape check, so (N, 1) and (N,) broadcast silently to (N, N)",
               "Compare pred.shape with target.shape and raise ValueError when they differ: broadcasting turns "
               "an (N, 1) minus an (N,) into an (N, N) table of wrong differences. See section 2.")
def mse_no_shape_check(pred, target):
    return ((pred - target) ** 2).mean()


@misconception("mse", "the result is turned into a Python number with .item()",
               "Return the 0-dim tensor itself: .item() gives a float that autograd cannot differentiate.")
def mse_item(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean().item()


@misconception("mse", "float64 inputs give a float32 result (.float(), dtype=torch.float32 or torch.tensor(...))",
               "Keep the dtype of the inputs: compute the result with operations on pred and target, without "
               ".float(), dtype=torch.float32 or torch.tensor(...), so float64 stays float64.")
def mse_float32(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean().float()


@misconception("mse", "the result is rebuilt with torch.tensor(... .item()): float32 and cut off from autograd",
               "torch.tensor(x.item()) makes a new tensor from a Python number: it is float32 whatever the inputs "
               "were, and it has no autograd graph, so no gradient reaches pred. Return "
               "((pred - target) ** 2).mean() itself.")
def mse_rebuilt_from_item(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return torch.tensor(((pred - target) ** 2).mean().item())


@misconception("mse", "pred is changed in place (pred -= target)",
               "pred -= target (or pred.sub_(target)) overwrites the caller's tensor: compute pred - target "
               "into a new tensor instead.")
def mse_in_place(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    pred -= target
    return (pred ** 2).mean()


@misconception("mse", "the built-in F.mse_loss is used", "Write the formula yourself: ((pred - target) ** 2).mean().",
               feedback_contains="mse_loss", matchable=False)  # equals the reference: the source check names it
def built_in(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return F.mse_loss(pred, target)
