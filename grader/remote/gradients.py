"""Backpropagation done one way on both sides: the worker for the student's function, the
grader for the reference's, so the two gradients are computed alike.

The vector-Jacobian product is taken as the gradient of sum(value * grad_output): the same
numbers as `torch.autograd.grad(value, inputs, grad_outputs=grad_output)` (the sum's
gradient is exactly ones), without torch's first-use import of its symbolic-shapes module
(sympy, ~0.5 s in every fresh worker and in the grader).
"""

from __future__ import annotations

import torch


def backpropagate(value: torch.Tensor, inputs: list[torch.Tensor], grad_output: torch.Tensor | None = None):
    """The gradients of `value` (weighted by `grad_output`, default ones) for each of `inputs`;
    None for an input the value does not depend on."""
    weighted = value.sum() if grad_output is None else (value * grad_output.to(value.dtype)).sum()
    return torch.autograd.grad(weighted, inputs, allow_unused=True)
