"""VALID: DIVERGING_LR = 1.0001, just above the contract's threshold ("any lr above 1 diverges"): each step multiplies the distance to 5 by 1.0002, so after 50 steps |x - 5| is about 5.05 > 5 in float32 and float64; the loop is a while loop with type annotations.
"""
from typing import Callable, List, Tuple

import torch


def descend(fn: Callable[[torch.Tensor], torch.Tensor], x0: float, lr: float,
            steps: int) -> Tuple[float, List[float]]:
    x = torch.tensor(x0, dtype=torch.float32).requires_grad_()
    values: List[float] = []
    k = 0
    while k < steps:
        out = fn(x)
        values.append(out.item())
        out.backward()
        with torch.no_grad():
            x -= lr * x.grad
            x.grad.zero_()
        k += 1
    return x.item(), values


DIVERGING_LR: float = 1.0001
