"""Checks for Exercise 2: f(x, y), grad_by_hand(x, y), gradient(fn, x, y)."""

import math

import torch

from grader.checks import CheckFailure, check, describe_type, expect_grads, expect_tensor, worker_function

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
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(2, 3, generator=gen, dtype=torch.float64)
    y = torch.randn(2, 3, generator=gen, dtype=torch.float64)
    expect_grads(student.f, reference.f, [x, y], ["x", "y"], call="f(x(2, 3), y(2, 3))",
                 grad_output=torch.randn(2, 3, generator=gen, dtype=torch.float64))


@check("grad_by_hand gives (37, 40) at (2, 3)", kind="value", points=1)
def check_grad_by_hand_book(student, reference):
    expect_pair(student.grad_by_hand(2.0, 3.0), reference.grad_by_hand(2.0, 3.0), "grad_by_hand(2.0, 3.0)")


@check("grad_by_hand is right at other points (negative and zero too)", kind="value", points=2)
def check_grad_by_hand_points(student, reference):
    for x, y in POINTS:
        expect_pair(student.grad_by_hand(x, y), reference.grad_by_hand(x, y), f"grad_by_hand({x}, {y})")


@check("grad_by_hand uses the hand-derived formulas, not autograd", kind="api", points=1,
       depends="check_grad_by_hand_points")
def check_grad_by_hand_no_autograd(source):
    findings = source.uses_of_names({"backward", "grad", "autograd", "requires_grad"}, functions=["grad_by_hand"])
    if findings:
        raise CheckFailure("grad_by_hand must use the formulas derived by hand, but uses autograd: "
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
