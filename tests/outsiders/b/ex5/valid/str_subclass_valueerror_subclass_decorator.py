"""VALID: MORE_OUTLIER_SENSITIVE is a str subclass equal to "mse" (the rules: "a str subclass equal to it is accepted"); the shape check lives in a functools.wraps decorator that raises a ValueError subclass.
"""
import functools

import torch


class Answer(str):
    """A str that explains itself."""

    def explain(self):
        return "squaring makes a single large error dominate the mean"


class ShapeMismatch(ValueError):
    pass


def same_shape(fn):
    @functools.wraps(fn)
    def wrapper(pred, target):
        if pred.shape != target.shape:
            raise ShapeMismatch(f"{fn.__name__}: pred {tuple(pred.shape)} vs target {tuple(target.shape)}")
        return fn(pred, target)
    return wrapper


@same_shape
def mse(pred, target):
    diff = pred - target
    return (diff * diff).mean()


@same_shape
def mae(pred, target):
    return torch.mean(torch.abs(pred - target))


MORE_OUTLIER_SENSITIVE = Answer("mse")
