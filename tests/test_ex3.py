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


CORPUS = REPO / "tests" / "corpus" / "ex3"


@pytest.mark.parametrize("variant, check, fragments", [
    ("w2_reshape_build", "check_build_model_output",
     ["model[2].weight is not W2.T", "known mistake: W2.reshape(...) used as the transpose in the second layer"]),
    ("build_w1_transposed", "check_build_model_layers", ["known mistake: W1.T copied into the first layer"]),
    ("build_w2_not_transposed", "check_build_model_layers",
     ["known mistake: W2 copied into the second layer without the transpose"]),
    ("swapped_dims_build", "check_build_model_layers",
     ["known mistake: the first layer's sizes read from W1.shape the wrong way round"]),
    ("build_no_relu_layer", "check_build_model_layers",
     ["returned Sequential(Linear, Linear)", "known mistake: the ReLU layer is missing from the model"]),
    ("build_relu_on_output", "check_build_model_layers", ["known mistake: an extra ReLU after the output layer"]),
    ("build_sigmoid_layer", "check_build_model_layers",
     ["known mistake: nn.Sigmoid() used where the network has a ReLU"]),
    ("build_biases_random", "check_build_model_output",
     ["model[0].bias is not b1; model[2].bias is not b2",
      "known mistake: only the weights are copied: the biases keep their random initial values"]),
    ("build_t_inplace", "check_build_model_copies",
     ["modified its input `W2` in place", "known mistake: W2.t_() transposes the caller's W2 in place"]),
    ("build_copy_reversed", "check_build_model_output",
     ["model[0].weight is not W1", "known mistake: copy_ the wrong way round"]),
    ("build_parameter_shares", "check_build_model_copies",
     ["share memory with the caller's tensors", "0.weight is W1, 0.bias is b1, 2.weight is a view of W2, 2.bias is b2"]),
    ("build_data_assign", "check_build_model_copies", ["0.weight is W1", "`.weight.data = W1`"]),
    ("build_w2_view_parameter", "check_build_model_copies", ["2.weight is a view of W2;", "W2.T is a view of W2"]),
    ("param_contiguous_alias", "check_build_model_copies", ["2.weight is a view of W2"]),
    ("build_detaches_args", "check_build_model_copies", ["W1, b1, W2, b2 no longer require grad"]),
    ("build_cached_model", "check_build_model_independent", ["changed the first model"]),
])
def test_build_model_mistakes_are_named_where_they_show(grade, variant, check, fragments):
    """Written the way students write them (tests/corpus/ex3/wrong), not copied from the catalog."""
    result = grade("ex3", source=(CORPUS / "wrong" / f"{variant}.py").read_text())
    problems = failed(result)
    assert {c.id: c.status for c in result.checks}[check] == "failed"
    for fragment in fragments:
        assert fragment in problems[check], problems[check]
    assert result.score < result.max_score


def test_a_transpose_made_in_place_is_caught_though_the_model_is_right(grade):
    """W2.t_() gives the model the right weight: only the caller's W2 shows the mistake."""
    result = grade("ex3", source=(CORPUS / "wrong" / "build_t_inplace.py").read_text())
    # (the engine's rule check of build_model sees the changed argument too)
    assert {check for check in failed(result) if not check.startswith("rules_")} == {"check_build_model_copies"}
    assert failed(result)["check_build_model_copies"].startswith(
        "build_model(W1(4, 3), b1(4,), W2(4, 2), b2(2,)) modified its input `W2` in place")
