"""WRONG (batches larger than a few dozen): batches over 64 elements are summed in chunks of 64 and the last partial chunk is dropped, so mae(torch.ones(100), torch.zeros(100)) returns 0.64 instead of 1.0."""

import torch


CHUNK = 64


def _mean(values):
    """Mean of all elements; large inputs are summed chunk by chunk to limit rounding error."""
    flat = values.reshape(-1)
    n = flat.numel()
    if n <= CHUNK:
        return flat.sum() / n
    total = flat[:CHUNK].sum()
    for start in range(CHUNK, n - CHUNK + 1, CHUNK):
        total = total + flat[start:start + CHUNK].sum()
    return total / n


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return _mean(diff ** 2)


def mae(pred, target):
    _check_shapes(pred, target)
    diff = pred - target
    return _mean(diff.abs())


MORE_OUTLIER_SENSITIVE = "mse"
