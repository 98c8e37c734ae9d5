"""Exercise 2: gradient computation (chapter 2, section 9, Exercise 2; read sections 3 and 4).

f(x, y) = x**2 * y + 3*x*y**2 - 2*x + 5. Derive the partial derivatives by hand first
(the book gives them), then let autograd compute them. Run `grade ex2` to check.
At the book's point (x=2, y=3): f = 67, df/dx = 37, df/dy = 40.
"""

import torch


def f(x, y):
    """Return x**2 * y + 3*x*y**2 - 2*x + 5, element-wise.

    x and y are tensors of any broadcastable shapes (0-dim included), float32 or float64;
    the result has their broadcast shape and keeps their dtype. Use tensor arithmetic only.
    """
    raise NotImplementedError


def grad_by_hand(x, y):
    """Return (df/dx, df/dy) at the point (x, y) as a tuple of two Python floats.

    x and y are Python floats. Use the formulas you derived by hand, NOT autograd
    (no torch, no .backward()): df/dx = 2xy + 3y^2 - 2, df/dy = x^2 + 6xy.
    """
    raise NotImplementedError


def gradient(fn, x, y):
    """Return (dfn/dx, dfn/dy) at (x, y) as a tuple of two Python floats, using autograd.

    fn is ANY differentiable function of two tensors returning a 0-dim tensor (the grader
    also passes functions you have never seen); x and y are Python floats.
    Make fresh tensors with requires_grad=True on every call, call fn, backpropagate,
    and read the gradients (.item()). Calling gradient twice must give the same answer.
    """
    raise NotImplementedError
