"""VALID: full type annotations, a keyword-friendly signature order kept, the gradient computed with torch.autograd.grad on float32 leaves, and a __main__ block that prints a table (never run on import).
"""
from __future__ import annotations

from typing import Callable, Tuple

import torch

Tensor = torch.Tensor


def f(x: Tensor, y: Tensor) -> Tensor:
    return x ** 2 * y + 3 * x * y ** 2 - 2 * x + 5


def grad_by_hand(x: float, y: float) -> Tuple[float, float]:
    return (2 * x * y + 3 * y ** 2 - 2) * 1.0, (x ** 2 + 6 * x * y) * 1.0


def gradient(fn: Callable[[Tensor, Tensor], Tensor], x: float, y: float) -> Tuple[float, float]:
    xt = torch.tensor(x, dtype=torch.float32).requires_grad_(True)
    yt = torch.tensor(y, dtype=torch.float32).requires_grad_(True)
    value = fn(xt, yt)
    gx, gy = torch.autograd.grad(value, [xt, yt], allow_unused=True)
    return (float(gx) if gx is not None else 0.0, float(gy) if gy is not None else 0.0)


if __name__ == "__main__":
    for px, py in [(2.0, 3.0), (0.0, 0.0), (-1.5, 2.0)]:
        print(px, py, grad_by_hand(px, py), gradient(f, px, py))
