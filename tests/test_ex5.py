"""Exercise 5 graded on real submissions."""

import pytest

from conftest import REPO, failed, variants


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


def test_a_detached_float32_mse_hears_about_the_graph_not_only_the_dtype(grade):
    """torch.tensor(x.item()) is float32 and detached: the float64 value check fails on the dtype
    alone, and the gradient check, which depends on it, still runs and names the bigger mistake."""
    result = grade("ex5", source=(REPO / "tests" / "corpus" / "ex5" / "wrong" / "detached_float32.py").read_text())
    problems = failed(result)
    assert "in float64 returned dtype float32, expected float64" in problems["check_mse_values"]
    assert "not connected to autograd" in problems["check_mse_gradients"]
    assert "known mistake: the result is rebuilt with torch.tensor(... .item())" in problems["check_mse_gradients"]
    status = {c.id: c.status for c in result.checks}
    assert status["check_mse_gradients"] == "failed"
    # the dtype is reported once; checks that fail only on it again point at that report
    assert sum("returned dtype float32" in message for message in problems.values()) == 1
    assert problems["check_mse_generated"].startswith('skipped: the same dtype problem as "mse matches the reference')
    # and the points are those the dtype mistake always cost: nothing after check_mse_values scores
    lost = {"check_mse_values", "check_mse_gradients", "check_inputs_unchanged", "check_no_built_in_loss",
            "check_large_inputs", "check_mse_generated", "check_same_tensor_twice"}
    assert set(problems) == lost
    assert result.score == result.max_score - sum(c.max_score for c in result.checks if c.id in lost)


def test_a_float64_only_dtype_mistake_costs_the_points_it_always_cost(grade):
    source = (REPO / "tests" / "corpus" / "ex5" / "wrong" / "accumulator_float32.py").read_text()
    result = grade("ex5", source=source)
    problems = failed(result)
    assert [c.id for c in result.checks if c.status == "failed"] == ["check_mse_values"]
    assert problems["check_inputs_unchanged"].startswith('skipped: ran and passed; scored once "mse matches')
    assert problems["check_mse_gradients"].startswith('skipped: the same dtype problem as "mse matches')
    assert set(problems) == {"check_mse_values", "check_mse_gradients", "check_inputs_unchanged",
                             "check_no_built_in_loss", "check_large_inputs", "check_mse_generated",
                             "check_same_tensor_twice"}


@pytest.mark.parametrize("answer, passes", [
    ("Loss.MSE", True),           # a StrEnum member equal to "mse": the contract's Types rule
    ("Text('mse')", True),        # a plain str subclass
    ("Always('mae')", False),     # equal to everything by its own __eq__: judged by the text it holds
    ("Loss.MAE", False),
])
def test_a_str_subclass_is_judged_by_the_text_it_holds(grade, answer, passes):
    source = (REPO / "reference" / "ex5.py").read_text().replace('MORE_OUTLIER_SENSITIVE = "mse"', (
        "from enum import StrEnum\n\n\nclass Loss(StrEnum):\n    MSE = 'mse'\n    MAE = 'mae'\n\n\n"
        "class Text(str):\n    pass\n\n\nclass Always(str):\n    def __eq__(self, other):\n        return True\n\n"
        "    __hash__ = str.__hash__\n\n\n"
        f"MORE_OUTLIER_SENSITIVE = {answer}\n"))
    problems = failed(grade("ex5", source=source))
    assert ("check_outlier_answer" not in problems) is passes, problems
