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
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex2", variant)
    problems = failed(result)
    assert check in problems, problems
    for fragment in fragments:
        assert fragment in problems[check], problems[check]
    assert result.score < result.max_score
