"""Exercise 2: gradient computation (chapter 2, section 9, Exercise 2; read sections 3 and 4).

f(x, y) = x**2 * y + 3*x*y**2 - 2*x + 5. Derive the partial derivatives by hand first
(the book gives them), then let autograd compute them. Run `grade ex2` to check.
At the book's point (x=2, y=3): f = 67, df/dx = 37, df/dy = 40.
"""

import torch


def f(x, y):
    """Return x**2 * y + 3*x*y**2 - 2*x + 5, element-wise.

    x and y are tensors of any broadcastable shapes (0-dim included), float32 or float64,
    values up to 1e3; the result has their broadcast shape and keeps their dtype, equal to
    the formula within float rounding (a relative 1e-4 in float32, 1e-7 in float64). Use
    tensor arithmetic only, and stay differentiable: gradients must flow back to x and y.
    """
    raise NotImplementedError


def grad_by_hand(x, y):
    """Return (df/dx, df/dy) at the point (x, y) as a tuple of two Python floats.

    x and y are Python floats (negative, 0, up to 1e3). Use the
    formulas you derived by hand, in plain Python arithmetic, NOT autograd (no torch at all,
    no .backward(), no .grad, no requires_grad; your own classes' methods may have any
    name): df/dx = 2xy + 3y^2 - 2, df/dy = x^2 + 6xy.
    Compared with a relative tolerance of 1e-4 (plus 1e-6 absolute); return a tuple, not a
    list (ints of the same value are fine for the floats).
    """
    raise NotImplementedError


def gradient(fn, x, y):
    """Return (dfn/dx, dfn/dy) at (x, y) as a tuple of two Python floats, using autograd.

    fn is ANY differentiable function of two tensors returning a 0-dim tensor (the grader
    also passes functions you have never seen, whose parameters need not be named x and y,
    and one function after another: call fn(x_tensor, y_tensor), by position); x and y are
    Python floats (x == y too).
    Make fresh tensors with requires_grad=True on every call, call fn, backpropagate,
    and read the gradients (.item()). Calling gradient twice must give the same answer.
    - What autograd computes, not a numerical slope: the grader passes a function whose
      autograd gradient differs from the slope of its values (a term subtracted back with
      .detach()), and compares with a relative tolerance of 1e-4.
    - A function that does not use one of its inputs has derivative 0 there: return 0.0,
      not None (raising PyTorch's own error for it is accepted too).
    - Return a tuple, not a list.
    """
    raise NotImplementedError
