"""Common mistakes in Exercise 2."""

import torch

from grader.misconceptions import misconception


@misconception("grad_by_hand", "df/dx and df/dy swapped",
               "Return (df/dx, df/dy) in that order: df/dx = 2xy + 3y^2 - 2 first.")
def swapped(x, y):
    return x**2 + 6 * x * y, 2 * x * y + 3 * y**2 - 2


@misconception("grad_by_hand", "sign error: + 2 instead of - 2 in df/dx",
               "The derivative of -2x is -2, so df/dx = 2xy + 3y^2 - 2.")
def sign_error(x, y):
    return 2 * x * y + 3 * y**2 + 2, x**2 + 6 * x * y


@misconception("grad_by_hand", "the 6xy term of df/dy is missing",
               "3xy^2 contributes 6xy to df/dy (the power rule on y^2): df/dy = x^2 + 6xy.")
def missing_term(x, y):
    return 2 * x * y + 3 * y**2 - 2, x**2


@misconception("f", "the constant + 5 is missing", "f ends with + 5: x**2 * y + 3*x*y**2 - 2*x + 5.")
def no_constant(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x


@misconception("f", "x * 2 written for x squared", "x squared is x**2 (or x * x); x * 2 doubles x.")
def times_two(x, y):
    return x * 2 * y + 3 * x * y**2 - 2 * x + 5


@misconception("gradient", "gradient ignores fn and always differentiates the exercise's f",
               "Call the function you were given: out = fn(xt, yt). The grader passes other functions too.")
def hard_wired(fn, x, y):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    (xt**2 * yt + 3 * xt * yt**2 - 2 * xt + 5).backward()
    return xt.grad.item(), yt.grad.item()


@misconception("gradient", "tensors returned instead of Python floats",
               "Return plain numbers: (xt.grad.item(), yt.grad.item()).")
def returns_tensors(fn, x, y):
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.tensor(y, requires_grad=True)
    fn(xt, yt).backward()
    return xt.grad, yt.grad


@misconception("gradient", "gradients accumulate across calls (shared tensors, .grad never cleared)",
               "Make fresh tensors on every call, or zero .grad before backward().",
               feedback_contains="left over between calls", matchable=False)
def accumulates(fn, x, y):
    shared = globals().setdefault("_shared_leaves", (torch.tensor(0.0, requires_grad=True),
                                                     torch.tensor(0.0, requires_grad=True)))
    with torch.no_grad():
        shared[0].fill_(x)
        shared[1].fill_(y)
    fn(*shared).backward()
    return shared[0].grad.item(), shared[1].grad.item()
