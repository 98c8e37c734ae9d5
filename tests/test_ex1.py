"""Exercise 1 graded on real submissions."""

import pytest

from conftest import failed, variants


@pytest.mark.parametrize("variant", variants("ex1", "correct") + ["book_solution"])
def test_valid_solutions_lose_at_most_the_edge_point(grade, variant):
    """These were full marks before issue #14: written with max() for a stretched 1, or with no
    check of sizes below -1, they are right everywhere but at the edges, and lose that point only."""
    result = grade("ex1", variant)
    assert set(failed(result)) <= {"check_edge_shapes"}
    assert result.score >= result.max_score - 1


@pytest.mark.parametrize("variant, fragment", [
    ("correct_padding", "broadcast_shape((), (0,)) returned (1,), expected (0,)"),
    ("correct_zip_longest", "reshape_shape((0,), (-2, -1)) returned (-2, 0), expected it to raise ValueError"),
])
def test_an_edge_case_is_shown_as_the_smallest_call(grade, variant, fragment):
    message = failed(grade("ex1", variant))["check_edge_shapes"]
    assert fragment in message
    assert "smallest failing input" in message


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_left_to_right", "check_broadcast_values", ["broadcast_shape((3, 4), (4,))",
                                                        "compared from the left instead of the right"]),
    ("wrong_predictions", "check_predicted_shapes", ["2 of 6 predictions are wrong", "d) is (4,), expected (3, 4)",
                                                     "f) is (12, 1), expected (12,)"]),
    ("wrong_matmul", "check_matmul_values", ["returned (4, 5), expected (3, 5)", "inner size kept"]),
    ("wrong_minus_one", "check_reshape_values", ["returned (-1,), expected (12,)", "-1 is returned as it is"]),
    ("wrong_uses_torch", "check_no_torch", ["use torch", "torch.broadcast_shapes(a, b) in broadcast_shape"]),
    ("wrong_torch_in_helper", "check_no_torch", ["line 15: torch.broadcast_shapes(a, b) in helper _ask_torch, "
                                                 "used by broadcast_shape"]),
    ("wrong_module_level_alias", "check_no_torch", ["line 15: bshapes(a, b) in broadcast_shape"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex1", variant)
    problems = failed(result)
    assert check in problems
    for fragment in fragments:
        assert fragment in problems[check], problems[check]
    assert result.score < result.max_score


def test_forbidden_torch_is_reported_with_its_line(grade):
    problems = failed(grade("ex1", "wrong_uses_torch"))
    assert "line 14: import torch in broadcast_shape" in problems["check_no_torch"]
