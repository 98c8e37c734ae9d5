"""Exercise 2 graded on real submissions."""

import pytest

from conftest import failed, variants


@pytest.mark.parametrize("variant", variants("ex2", "correct") + ["book_solution"])
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex2", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_swapped", "check_grad_by_hand_book", ["d/dx = 40, expected 37", "look swapped", "swapped"]),
    ("wrong_sign", "check_grad_by_hand_book", ["d/dx = 41, expected 37", "sign error"]),
    ("wrong_no_constant", "check_f_book_point", ["the value is 62, expected 67", "the constant + 5 is missing"]),
    ("wrong_hard_wired", "check_gradient_unseen", ["gradient(wave, 0.5, -0.3)", "ignores fn"]),
    ("wrong_accumulates", "check_gradient_twice", ["left over between calls"]),
    ("wrong_tensors", "check_gradient_book", ["returned a tensor of shape () for d/dx", ".item()",
                                              "tensors returned instead of Python floats"]),
    ("wrong_hand_uses_gradient", "check_grad_by_hand_no_autograd", ["fn(xt, yt).backward (in helper gradient, "
                                                                    "used by grad_by_hand)"]),
    ("wrong_finite_differences", "check_gradient_uses_autograd", ["slope of fn's values (finite differences)"]),
    ("wrong_xor_typo", "check_f_book_point", ["line 5, in f: return x^2 * y", "`^` is bitwise XOR, not a power"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex2", variant)
    problems = failed(result)
    assert check in problems, problems
    for fragment in fragments:
        assert fragment in problems[check], problems[check]
    assert result.score < result.max_score


def test_a_variable_named_grad_in_grad_by_hand_is_fine(grade):
    source = (
        "import torch\n"
        "def f(x, y):\n    return x**2 * y + 3*x*y**2 - 2*x + 5\n"
        "def grad_by_hand(x, y):\n    grad = (2*x*y + 3*y**2 - 2, x**2 + 6*x*y)\n    return grad\n"
        "def gradient(fn, x, y):\n"
        "    x = torch.tensor(x, requires_grad=True)\n    y = torch.tensor(y, requires_grad=True)\n"
        "    fn(x, y).backward()\n    return x.grad.item(), y.grad.item()\n")
    assert failed(grade("ex2", source=source)) == {}


def test_autograd_in_grad_by_hand_is_reported(grade):
    source = (
        "import torch\n"
        "def f(x, y):\n    return x**2 * y + 3*x*y**2 - 2*x + 5\n"
        "def gradient(fn, x, y):\n"
        "    x = torch.tensor(x, requires_grad=True)\n    y = torch.tensor(y, requires_grad=True)\n"
        "    fn(x, y).backward()\n    return x.grad.item(), y.grad.item()\n"
        "def grad_by_hand(x, y):\n"
        "    xt = torch.tensor(x, requires_grad=True)\n    yt = torch.tensor(y, requires_grad=True)\n"
        "    f(xt, yt).backward()\n    return xt.grad.item(), yt.grad.item()\n")
    problems = failed(grade("ex2", source=source))
    assert list(problems) == ["check_grad_by_hand_no_autograd"]
    assert "line 12: f(xt, yt).backward" in problems["check_grad_by_hand_no_autograd"]


def test_only_a_placeholder_raise_is_not_implemented_yet(grade):
    """torch's own NotImplementedError (`x ^ 2` on floats) is the student's error, not a stub."""
    problems = failed(grade("ex2", "wrong_xor_typo"))
    assert "not implemented yet" not in problems["check_f_book_point"]
    assert "raised NotImplementedError" in problems["check_f_book_point"]
    assert "check_gradient_twice" not in problems  # gradient is judged on the book's f, not the student's


def test_no_numbers_talk_when_no_numbers_were_compared(grade):
    problems = failed(grade("ex2", "wrong_finite_differences"))
    assert "No known mistake reproduces these numbers" not in problems["check_gradient_uses_autograd"]
