"""Exercise 5 graded on real submissions."""

import pytest

from conftest import failed, variants


@pytest.mark.parametrize("variant", variants("ex5", "correct"))
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex5", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_book_solution_passes_values_but_uses_forbidden_losses(grade):
    problems = failed(grade("ex5", "book_solution"))
    assert list(problems) == ["check_no_built_in_loss"]
    assert "line 9: nn.MSELoss" in problems["check_no_built_in_loss"]
    assert "line 15: nn.L1Loss" in problems["check_no_built_in_loss"]


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_sum", "check_mse_book_example", ["the value is 51, expected 12.75", ".sum() instead of .mean()"]),
    ("wrong_no_abs", "check_mae_values", ["MAE without the absolute value"]),
    ("wrong_no_abs", "check_outlier_answer", ["'mae', expected"]),
    ("wrong_rmse", "check_mse_book_example", ["RMSE (a square root) instead of MSE"]),
    ("wrong_rmse", "check_outlier_answer", ['write it exactly as "mse"']),
    ("wrong_broadcast", "check_shape_mismatch_raises", ["expected it to raise ValueError", "(N, N)"]),
    ("wrong_item", "check_mse_gradients", ["not connected to autograd"]),
    ("wrong_inplace", "check_inputs_unchanged", ["modified its input `pred` in place", "pred -= target"]),
    ("wrong_mean_dim0", "check_mse_scalar", ["returned shape (3,), expected ()", "`.mean()` with no `dim`"]),
    ("wrong_unsqueezed", "check_mse_book_example", ["returned shape (1,), expected ()", "do not reshape or unsqueeze"]),
    ("wrong_smooth_l1", "check_no_built_in_loss", ["line 15: F.smooth_l1_loss"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex5", variant)
    problems = failed(result)
    assert check in problems
    for fragment in fragments:
        assert fragment in problems[check]
    assert result.score < result.max_score


def test_a_variable_named_like_a_builtin_loss_is_not_a_forbidden_call(grade):
    source = (
        "def mse(pred, target):\n"
        "    if pred.shape != target.shape:\n"
        "        raise ValueError('shapes differ')\n"
        "    mse_loss = ((pred - target) ** 2).mean()\n"
        "    return mse_loss\n\n"
        "def mae(pred, target):\n"
        "    if pred.shape != target.shape:\n"
        "        raise ValueError('shapes differ')\n"
        "    l1_loss = (pred - target).abs().mean()\n"
        "    return l1_loss\n\n"
        "MORE_OUTLIER_SENSITIVE = 'mse'\n")
    result = grade("ex5", source=source)
    assert failed(result) == {}


def test_imported_builtin_loss_is_found(grade):
    source = (
        "from torch.nn.functional import mse_loss as m\n"
        "def mse(pred, target):\n"
        "    if pred.shape != target.shape:\n"
        "        raise ValueError('shapes differ')\n"
        "    return m(pred, target)\n\n"
        "def mae(pred, target):\n"
        "    if pred.shape != target.shape:\n"
        "        raise ValueError('shapes differ')\n"
        "    return (pred - target).abs().mean()\n\n"
        "MORE_OUTLIER_SENSITIVE = 'mse'\n")
    problems = failed(grade("ex5", source=source))
    assert list(problems) == ["check_no_built_in_loss"]
    assert "line 1" in problems["check_no_built_in_loss"] and "line 5" in problems["check_no_built_in_loss"]
