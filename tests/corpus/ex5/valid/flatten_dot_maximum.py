"""VALID: mse is a float64 dot product of the flattened error with itself cast back to the input dtype, mae uses torch.maximum(d, -d) for the absolute value, and the shape error is a custom ValueError subclass."""

import torch


class ShapeMismatchError(ValueError):
    """pred and target must have exactly the same shape."""


def _error(pred, target):
    if tuple(pred.shape) != tuple(target.shape):
        raise ShapeMismatchError(
            "pred and target shapes differ: %s vs %s (an (N, 1) vs (N,) pair would broadcast to (N, N))"
            % (tuple(pred.shape), tuple(target.shape))
        )
    return (pred - target).flatten()


def mse(pred, target):
    e = _error(pred, target)
    e64 = e.double()  # accumulate the dot product in float64, then go back
    return (torch.dot(e64, e64) / e.numel()).to(e.dtype)


def mae(pred, target):
    e = _error(pred, target)
    return torch.maximum(e, -e).sum() / e.numel()


MORE_OUTLIER_SENSITIVE = "m" + "se"
