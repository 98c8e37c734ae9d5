"""Exercise 4 graded on real training runs."""

import pytest

from conftest import REPO, failed, variants


@pytest.mark.parametrize("variant", variants("ex4", "correct"))
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex4", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_book_solution_is_not_converged_with_its_numbers_and_fixes(grade):
    result = grade("ex4", "book_solution")
    problems = failed(result)
    message = problems["check_converges_on_book_data"]
    assert message.startswith("training did not converge: the worst error is")
    assert "loss went from 1.29e+04 to" in message and "over 5000 epochs" in message
    assert "learned F = 1.9" in message and "expected F = 1.8·C + 32" in message
    for fix in ("normalise the inputs", "larger learning rate", "more epochs", "Adam"):
        assert fix in message
    assert "check_return_types" not in problems and "check_model_shape" not in problems


@pytest.mark.parametrize("variant, check, fragment", [
    ("wrong_lr_too_high", "check_converges_on_book_data", "training diverged: the loss became NaN"),
    ("wrong_ten_epochs", "check_converges_on_book_data", "over 10 epochs and is still falling"),
    ("wrong_no_zero_grad", "check_converges_on_book_data", "Call optimizer.zero_grad()"),
    ("wrong_loss_tensors", "check_return_types", "Append loss.item()"),
    ("wrong_memorised", "check_learns_from_data", "memorised the Fahrenheit formula"),
    ("wrong_inplace", "check_inputs_unchanged", "modified its input `celsius` in place"),
    ("wrong_inplace", "check_converges_on_book_data", "does not map raw inputs to raw outputs"),
    ("wrong_squeezed_target", "check_converges_on_book_data", "broadcast to (N, N)"),
    ("wrong_zero_grad_after_backward", "check_converges_on_book_data", "the loss never changed"),
    ("wrong_rmsprop_oscillates", "check_converges_on_book_data", "The steps are too large: lower the learning rate"),
    ("wrong_global_stats", "check_models_independent", "the models share state"),
    ("wrong_numpy_losses", "check_return_types", "the losses hold a ndarray"),
    ("wrong_model_mutates_input", "check_model_keeps_input", "model(x) changed x in place"),
])
def test_mistakes_are_diagnosed(grade, variant, check, fragment):
    result = grade("ex4", variant)
    problems = failed(result)
    assert check in problems, problems
    assert fragment in problems[check], problems[check]
    assert result.score < result.max_score


def test_numpy_losses_lose_only_the_type_point_and_the_numpy_rule(grade):
    """The api check judges the type once; convergence is judged on the values; and
    `loss.detach().numpy()` uses numpy, which the contract does not allow (the module's rule)."""
    problems = failed(grade("ex4", "wrong_numpy_losses"))
    assert list(problems) == ["check_return_types", "rules_of_module"]
    assert "uses numpy through Tensor.numpy() inside train_converter" in problems["rules_of_module"]


def test_oscillation_with_gradients_cleared_is_not_blamed_on_zero_grad(grade):
    message = failed(grade("ex4", "wrong_rmsprop_oscillates"))["check_converges_on_book_data"]
    assert "zero_grad" not in message


def test_a_model_off_near_the_ends_of_the_range_does_not_converge(grade):
    problems = failed(grade("ex4", "wrong_mlp_off_at_the_ends"))
    assert "off by up to" in problems["check_converges_on_book_data"]
    assert "-39.7" in problems["check_converges_on_book_data"]
    # A tiny loss and a small error: an inexact fit, not a model in the wrong units.
    assert "does not map raw inputs" not in problems["check_converges_on_book_data"]
    assert "a small loss is not yet a close fit" in problems["check_converges_on_book_data"]


def test_normalisation_not_undone_is_named_only_when_the_answers_are_in_other_units():
    from grader.checks import course_module
    diagnose = course_module(str(REPO / "assignments" / "ex4" / "checks.py"), "diagnosis").diagnose
    losses = [1.0 * 0.9 ** k for k in range(200)]  # ends at 7e-10 of where it started
    # Off by 0.6 °F on a 18 °F range (-5..5 °C): the slope is still a little short.
    assert diagnose(losses, 0.6, -5.0, 0.5, spread=18.0).kind == "inexact"
    # Off by 40 °F on the same range: the answers are in normalised units.
    assert diagnose(losses, 40.0, -5.0, 0.5, spread=18.0).kind == "not_undone"


def test_a_narrow_range_is_held_to_the_contracts_half_degree_not_a_tighter_one(grade):
    """Inputs scaled by 0.01 and plain SGD: 0.117 °F off on -5..5 °C, inside the contract's 0.5 °F
    (tests/corpus/ex4/valid/fixed_input_scale_sgd.py); a range-scaled 0.1 °F failed it."""
    source = (REPO / "tests" / "corpus" / "ex4" / "valid" / "fixed_input_scale_sgd.py").read_text()
    assert failed(grade("ex4", source=source)) == {}


def test_an_empty_loss_list_is_named_not_a_grader_error(grade):
    source = (REPO / "reference" / "ex4.py").read_text().replace("losses.append(loss.item())", "pass")
    result = grade("ex4", source=source)
    messages = {c.id: c.message for c in result.checks}
    assert "losses list is empty" in messages["check_losses_are_the_runs"]
    assert all(not c.internal for c in result.checks)
