"""Checks for Exercise 2: f(x, y), grad_by_hand(x, y), gradient(fn, x, y)."""

import ast
import math

import torch

from grader.checks import (CheckFailure, check, compare_tensors, describe_type, expect_grads, expect_tensor,
                           for_all, literal, worker_function)
from grader.strategies import DTYPES, broadcastable_shapes, composite, lazy, random_tensor, scales, seeds, st

POINTS = [(2.0, 3.0), (-1.5, 0.5), (0.0, -2.0), (0.25, 4.0), (-3.0, -1.0)]


@worker_function
def book_f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


@worker_function
def wave(x, y):
    return torch.sin(x) * torch.exp(y)


@worker_function
def mixed(x, y):
    return x * y**3 - torch.log(1 + x**2)


@worker_function
def ratio(x, y):
    return (x - y) ** 2 / (1 + y**2)


@worker_function
def squash(x, y):
    return torch.tanh(x * y) + x


@worker_function
def cubic(x, y):
    return x**3 - 2 * x * y + y**2 / 3


@worker_function
def seen_by_autograd_only(x, y):
    # Its values are those of x * y, but autograd also differentiates the x**3 that is
    # subtracted back as a constant: autograd says (y + 3x², x), the values' slope is (y, x).
    return x * y + x**3 - (x**3).detach()


@worker_function
def only_x(x, y):
    return x**2 + 3 * x  # does not use y: d/dy is 0 (autograd gives None for y)


@worker_function
def only_y(x, y):
    return torch.exp(y) - y**3  # does not use x


@worker_function
def product(x, y):
    return x * y  # at x == y both derivatives are equal, yet they belong to different inputs


@worker_function
def arctangent(a, b):  # parameters not named x and y: fn(x=..., y=...) fails on it
    return torch.atan2(a, b) * (1 + a * b)


@worker_function
def quartic(x, y):
    return (x - 2 * y) ** 4 + x * y


@worker_function
def stacked(x, y):
    v = torch.stack([x, y])  # (2,) for 0-dim x and y, as the contract passes them
    return v @ v + x


@worker_function
def f(x, y):
    return x * y**2 - y  # named f, like the book's function, yet another one
not_the_book_f = f


@worker_function
def fn(x, y):
    return x**2 - x * y
same_name_a = fn


@worker_function
def fn(x, y):  # noqa: F811  (a second function of the same name: a cache keyed on names shows)
    return torch.cos(x) + 2 * y
same_name_b = fn


UNSEEN = {arctangent: "atan2(x, y) * (1 + x*y)", product: "x*y", stacked: "v @ v + x with v = torch.stack([x, y])", not_the_book_f: "x*y**2 - y",
          same_name_a: "x**2 - x*y", same_name_b: "cos(x) + 2*y", quartic: "(x - 2*y)**4 + x*y", wave: "sin(x)*exp(y)", cubic: "x**3 - 2*x*y + y**2/3",
          ratio: "(x - y)**2 / (1 + y**2)"}
@worker_function
def constant(x, y):
    return torch.tensor(3.0, dtype=x.dtype)


ONE_INPUT = {only_x: "x**2 + 3*x", only_y: "exp(y) - y**3", constant: "3 (a constant)"}
# A small pool of points, so that one point meets several functions (a cache keyed on the point
# alone shows), and x == y happens often.
POINT_POOL = [0.0, 1.0, -1.0, 0.5, 2.0, -2.5, 1.5, 3.0]


@worker_function
def gradient_twice(module, fn, x, y):
    first = module.gradient(fn, x, y)
    second = module.gradient(fn, x, y)
    return first, second


def expect_pair(actual, expected, call, rtol=1e-4):
    """A tuple (or list) of two Python floats close to `expected`."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise CheckFailure(f"{call} returned {describe_type(actual)}, expected a tuple of two floats")
    for name, got, want in zip(("d/dx", "d/dy"), actual, expected):
        if isinstance(got, bool) or type(got) not in (int, float):
            hint = " (use .item() to turn a one-element tensor into a float)" if isinstance(got, torch.Tensor) else ""
            raise CheckFailure(f"{call} returned {describe_type(got)} for {name}, expected a float{hint}")
        if not abs(got - want) <= rtol * abs(want) + 1e-6 * max(1.0, abs(want)):
            swapped = math.isclose(actual[0], expected[1], rel_tol=rtol) and math.isclose(actual[1], expected[0],
                                                                                         rel_tol=rtol)
            raise CheckFailure(f"{call} returned {name} = {got:.6g}, expected {want:.6g}"
                               + (" (the two partial derivatives look swapped)" if swapped else ""),
                               expected=expected, actual=actual)


@check("f gives 67 at the book's point (2, 3)", kind="value", points=1)
def check_f_book_point(student, reference):
    x, y = torch.tensor(2.0), torch.tensor(3.0)
    expect_tensor(student.f(x, y), reference.f(x, y), call="f(2., 3.)")


@check("f works element-wise for broadcastable shapes and keeps the dtype", kind="value", points=2)
def check_f_shapes(student, reference):
    gen = torch.Generator().manual_seed(1)
    cases = [((3,), (3,)), ((2, 3), (3,)), ((), (4,)), ((4, 1), (1, 5))]
    for dtype in (torch.float32, torch.float64):
        for xs, ys in cases:
            x = torch.randn(xs, generator=gen, dtype=dtype)
            y = torch.randn(ys, generator=gen, dtype=dtype)
            expect_tensor(student.f(x, y), reference.f(x, y),
                          call=f"f(x{tuple(xs)}, y{tuple(ys)}) in {str(dtype)[6:]}")


@check("gradients flow through f to x and y", kind="gradient", points=1, depends="check_f_shapes")
def check_f_gradients(student, reference):
    for dtype in (torch.float64, torch.float32):  # a result detached for one dtype only shows here
        gen = torch.Generator().manual_seed(2)
        x = torch.randn(2, 3, generator=gen, dtype=dtype)
        y = torch.randn(2, 3, generator=gen, dtype=dtype)
        expect_grads(student.f, reference.f, [x, y], ["x", "y"], call=f"f(x(2, 3), y(2, 3)) in {str(dtype)[6:]}",
                     grad_output=torch.randn(2, 3, generator=gen, dtype=dtype))


@check("grad_by_hand gives (37, 40) at (2, 3)", kind="value", points=1)
def check_grad_by_hand_book(student, reference):
    expect_pair(student.grad_by_hand(2.0, 3.0), reference.grad_by_hand(2.0, 3.0), "grad_by_hand(2.0, 3.0)")


@check("grad_by_hand is right at other points (negative and zero too)", kind="value", points=2)
def check_grad_by_hand_points(student, reference):
    for x, y in POINTS:
        expect_pair(student.grad_by_hand(x, y), reference.grad_by_hand(x, y), f"grad_by_hand({x}, {y})")


def own_member_names(source) -> set[str]:
    """Methods and attributes (`self.<name> = ...`) of the student's own classes."""
    names = set()
    for cls in ast.walk(source.tree):
        if isinstance(cls, ast.ClassDef):
            names |= {node.name for node in cls.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
            names |= {node.attr for node in ast.walk(cls) if isinstance(node, ast.Attribute)
                      and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name)
                      and node.value.id == "self"}
    return names


@check("grad_by_hand uses the hand-derived formulas in plain Python, not autograd (nor torch)", kind="api", points=1,
       depends="check_grad_by_hand_points")
def check_grad_by_hand_no_autograd(source, student):
    # A method or attribute of the student's own classes may be called `grad` or `backward`:
    # those names are left to the worker's watch, which sees autograd by identity.
    names = {"backward", "grad", "autograd", "requires_grad"} - own_member_names(source)
    findings = source.uses_of_names(names, functions=["grad_by_hand"]) \
        or source.uses_of_module("torch", ["grad_by_hand"])  # the stub: plain arithmetic, no torch
    # The syntax tree gives line numbers; the worker, which watched every call, also sees
    # autograd reached through another function, getattr or torch.func.
    findings = findings or student.forbidden_calls(["grad_by_hand"])
    if findings:
        raise CheckFailure("grad_by_hand must use the formulas derived by hand, in plain Python, but uses autograd "
                           "or torch: "
                           + "; ".join(str(f) for f in findings[:3]),
                           help="Write df/dx = 2xy + 3y^2 - 2 and df/dy = x^2 + 6xy as plain Python arithmetic.")


@check("gradient(f, 2, 3) gives (37, 40) with autograd", kind="gradient", points=2)
def check_gradient_book(student, reference):
    expect_pair(student.gradient(book_f, 2.0, 3.0), reference.gradient(book_f, 2.0, 3.0), "gradient(f, 2.0, 3.0)")


@check("gradient works for functions it has never seen", kind="gradient", points=3, depends="check_gradient_book")
def check_gradient_unseen(student, reference):
    for fn, (x, y) in [(wave, (0.5, -0.3)), (mixed, (1.5, 0.7)), (ratio, (-0.8, 1.2)), (squash, (0.3, -2.0))]:
        expect_pair(student.gradient(fn, x, y), reference.gradient(fn, x, y), f"gradient({fn.__name__}, {x}, {y})")


@check("gradient uses autograd, not a numerical slope", kind="gradient", points=1, depends="check_gradient_book")
def check_gradient_uses_autograd(student, reference):
    x, y = 1.5, -0.5
    got = student.gradient(seen_by_autograd_only, x, y)
    if isinstance(got, (tuple, list)) and len(got) == 2 and all(type(v) in (int, float) for v in got) \
            and math.isclose(got[0], y, rel_tol=1e-3, abs_tol=1e-4) and math.isclose(got[1], x, rel_tol=1e-3):
        raise CheckFailure(f"gradient(fn, {x}, {y}) returned {tuple(got)}: the slope of fn's values (finite "
                           "differences), not what autograd computes for fn",
                           help="Make x and y tensors with requires_grad=True, call fn, then use .backward() "
                                "(or torch.autograd.grad) and read the gradients.")
    expect_pair(got, reference.gradient(seen_by_autograd_only, x, y), f"gradient(fn, {x}, {y})")


@check("calling gradient twice gives the same answer (no leftover gradients)", kind="api", points=1,
       depends="check_gradient_book")
def check_gradient_twice(student):
    first, second = student.run(gradient_twice, book_f, 2.0, 3.0)
    if first != second:
        raise CheckFailure(f"gradient(f, 2.0, 3.0) returned {first} the first time and {second} the second: "
                           "gradients were left over between calls",
                           help="Create fresh tensors with requires_grad=True inside gradient on every call (or "
                                "zero their .grad), so gradients do not add up across calls.")


@check("gradient on more unseen functions and points", kind="gradient", points=2, hidden=True,
       depends="check_gradient_unseen")
def check_gradient_more(student, reference):
    for fn, (x, y) in [(cubic, (1.1, -0.4)), (wave, (-2.0, 0.9)), (mixed, (-0.6, -1.3)), (book_f, (-1.0, 2.5))]:
        expect_pair(student.gradient(fn, x, y), reference.gradient(fn, x, y), f"gradient({fn.__name__}, {x}, {y})")


# ---------------------------------------------------------------- generated inputs


@composite
def f_inputs(draw):
    xs, ys = draw(broadcastable_shapes(max_rank=3))
    dtype, seed, scale = draw(st.sampled_from(DTYPES)), draw(seeds()), draw(scales())
    return random_tensor(xs, dtype, seed, scale), random_tensor(ys, dtype, seed + 1, scale)


# Edges no draw is sure to reach: 300 rows of 30 (past any chunk size or row count), values
# below 1e-30 (float64: no underflow to 0), exact zeros.
F_EDGES = [(random_tensor((300, 30), torch.float32, 7), random_tensor((30,), torch.float32, 8)),
           (random_tensor((3, 4), torch.float64, 9, scale=1e-35), random_tensor((3, 4), torch.float64, 10, scale=1e-35)),
           (torch.tensor([0.0, 1.5, 0.0, -2.0]), torch.tensor([0.0, 0.0, 3.0, -1.0]))]


@worker_function
def f_of_views(module, x, y):
    """f of x and y as non-contiguous views of the same values (every other element of a wider
    tensor): views are ordinary inputs (the contract)."""
    x = torch.stack([x, torch.zeros_like(x)], dim=-1)[..., 0]
    y = torch.stack([y, torch.zeros_like(y)], dim=-1)[..., 0]
    return module.f(x, y)


def hand_points():
    return lazy(lambda: _hand_points())


def _hand_points():
    value = st.one_of(st.sampled_from(POINT_POOL), st.floats(-1000, 1000, allow_nan=False, allow_infinity=False))
    return st.one_of(value.map(lambda v: (v, v)), st.tuples(value, value))


def gradient_inputs(functions):
    return lazy(lambda: _gradient_inputs(functions))


def _gradient_inputs(functions):
    point = st.sampled_from(POINT_POOL)
    pair = st.one_of(point.map(lambda v: (v, v)), st.tuples(point, point))
    return st.tuples(st.sampled_from(list(functions)), pair).map(lambda case: (case[0], *case[1]))


@check("f agrees with the formula on generated shapes, dtypes and magnitudes up to 10³", kind="value", points=1,
       depends="check_f_shapes")
def check_f_generated(student, reference):
    for_all(f_inputs(), student.f, reference.f, compare=compare_tensors, key="ex2.f", count=40,
            describe=lambda x, y: f"f({literal(x)}, {literal(y)})", explicit=F_EDGES)
    for_all(f_inputs(), student.runner(f_of_views), reference.f, compare=compare_tensors, key="ex2.f-views",
            count=8, describe=lambda x, y: f"f({literal(x)}, {literal(y)}) given as non-contiguous views",
            explicit=F_EDGES[:1])


@check("grad_by_hand is right at generated points (x == y, 0, magnitudes up to 10³)", kind="value", points=1,
       depends="check_grad_by_hand_points")
def check_grad_by_hand_generated(student, reference):
    for_all(hand_points(), student.grad_by_hand, reference.grad_by_hand, compare=expect_pair, key="ex2.hand",
            count=50, describe=lambda x, y: f"grad_by_hand({x!r}, {y!r})",
            explicit=[(0.1234567, 0.7654321)])  # answers that are not round: no rounding of them


@check("gradient works at generated points (x == y too) for one function after another", kind="gradient",
       points=2, depends="check_gradient_unseen")
def check_gradient_generated(student, reference):
    for_all(gradient_inputs(UNSEEN), student.gradient, reference.gradient, compare=expect_pair, key="ex2.gradient",
            count=40, describe=lambda fn, x, y: f"gradient(fn, {x!r}, {y!r}) with fn(x, y) = {UNSEEN[fn]}",
            # two functions of one name at one point, whatever the generated inputs are, and one whose
            # parameters are not named x and y (x and y stay floats: the book's gradient makes
            # torch.tensor(x, requires_grad=True), which an int cannot be)
            explicit=[(same_name_a, 1.5, -1.0), (same_name_b, 1.5, -1.0), (product, 2.0, 2.0),
                      (arctangent, 2.0, 3.0), (cubic, 12.5, -11.0)])  # and a point past 10


@check("gradient gives 0 (not None) for an input fn does not use", kind="gradient", points=1,
       depends="check_gradient_unseen")
def check_gradient_unused_input(student, reference):
    # Autograd refuses such an input (None, or an error from autograd.grad): raising there is
    # PyTorch's own behaviour and the book's code does it, so only a returned answer is judged.
    try:
        for_all(gradient_inputs(ONE_INPUT), student.gradient, reference.gradient, compare=expect_pair,
                key="ex2.unused", count=10, errors_allowed=True,
                describe=lambda fn, x, y: f"gradient(fn, {x!r}, {y!r}) with fn(x, y) = {ONE_INPUT[fn]}")
    except CheckFailure as failure:
        raise CheckFailure(failure.message, help="When fn does not use an input, autograd leaves that input's .grad "
                           "as None, but its derivative is 0: return 0.0 for it (with torch.autograd.grad, pass "
                           "allow_unused=True and turn None into 0.0).") from None


@check("grad_by_hand and gradient return a tuple of two floats", kind="api", points=1,
       depends=("check_grad_by_hand_book", "check_gradient_book"))
def check_returns_tuples(student):
    for name, value in [("grad_by_hand(2.0, 3.0)", student.grad_by_hand(2.0, 3.0)),
                        ("gradient(f, 2.0, 3.0)", student.gradient(book_f, 2.0, 3.0))]:
        if type(value) is not tuple:
            raise CheckFailure(f"{name} returned {describe_type(value)}, expected a tuple of two floats",
                               help="Return the pair as a tuple: `return dx, dy` (a list is not a tuple).")
