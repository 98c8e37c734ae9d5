"""Exercise 3 graded on real submissions: valid variants get full marks, mistakes lose
points with feedback that names what went wrong."""

import pytest

from conftest import REPO, failed, variants


@pytest.mark.parametrize("variant", variants("ex3", "correct") + ["book_solution"])
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex3", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_missing_transpose_fails_values_even_where_shapes_match(grade):
    result = grade("ex3", "wrong_no_transpose")
    problems = failed(result)
    assert "check_forward_shape" in problems
    assert "returned shape" in problems["check_forward_shape"] or "raised RuntimeError" in problems["check_forward_shape"]
    assert result.score < result.max_score / 2


def test_missing_relu_passes_book_example_but_fails_relu_check(grade):
    result = grade("ex3", "wrong_no_relu")
    problems = failed(result)
    assert "check_forward_book_example" not in problems  # 1.70 either way: the book alone is not enough
    assert "check_forward_relu" in problems
    assert "check_forward_values_float32" in problems
    assert "element [" in problems["check_forward_values_float32"]


def test_detached_output_fails_gradients_with_advice(grade):
    problems = failed(grade("ex3", "wrong_detached"))
    assert "not connected to autograd" in problems["check_forward_gradients"]
    assert "check_forward_values_float32" not in problems


def test_inplace_changes_and_shared_weights_are_caught(grade):
    problems = failed(grade("ex3", "wrong_inplace"))
    assert "modified its input `W1` in place" in problems["check_forward_inputs_unchanged"]
    assert "check_build_model_copies" in problems


def test_a_shape_error_is_not_blamed_on_a_different_transpose(grade):
    """x @ W1 raises a shape error too, but not this one: only the same error names a mistake."""
    problems = failed(grade("ex3", "wrong_w2_transposed"))
    assert "mat1 and mat2 shapes cannot be multiplied" in problems["check_forward_shape"]
    assert "known mistake" not in problems["check_forward_shape"]


def test_a_misspelt_function_is_named_even_when_a_check_reaches_it_in_the_worker(grade):
    source = (REPO / "reference" / "ex3.py").read_text().replace("def build_model(", "def biuld_model(")
    problems = failed(grade("ex3", source=source))
    assert problems["check_build_model_layers"] == "no `build_model` in ex3.py; found `biuld_model`"
