"""VALID: a small GradientEngine class with type hints and docstrings does the work, and the module-level gradient just builds one, with an optional keyword-only dtype argument."""

from __future__ import annotations

from typing import Callable

import torch
from torch import Tensor


def f(x: Tensor, y: Tensor) -> Tensor:
    """x**2 * y + 3*x*y**2 - 2*x + 5, term by term."""
    terms = [x * x * y, 3 * x * y * y, -2 * x]
    total = terms[0]
    for t in terms[1:]:
        total = total + t
    return total + 5


def grad_by_hand(x: float, y: float) -> tuple[float, float]:
    """Partial derivatives from the formulas in the book."""
    return (float(2 * x * y + 3 * y ** 2 - 2), float(x ** 2 + 6 * x * y))


class GradientEngine:
    """Computes both partial derivatives of a two-argument function with autograd."""

    def __init__(self, dtype: torch.dtype = torch.float64) -> None:
        self.dtype = dtype

    def _leaf(self, value: float) -> Tensor:
        return torch.tensor(float(value), dtype=self.dtype).requires_grad_()

    def __call__(self, fn: Callable[[Tensor, Tensor], Tensor], x: float, y: float) -> tuple[float, float]:
        x_t, y_t = self._leaf(x), self._leaf(y)
        with torch.enable_grad():
            out = fn(x_t, y_t)
        if out.grad_fn is not None:
            out.backward()
        return tuple(0.0 if t.grad is None else float(t.grad) for t in (x_t, y_t))


def gradient(fn: Callable[[Tensor, Tensor], Tensor], x: float, y: float,
             *, dtype: torch.dtype = torch.float64) -> tuple[float, float]:
    return GradientEngine(dtype)(fn, x, y)
