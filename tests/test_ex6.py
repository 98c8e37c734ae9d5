"""Exercise 6 graded on real submissions."""

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import REPO, SUBMISSIONS, failed, variants
from grader.cli import main

LOOP = (
    "import torch\n"
    "def descend(fn, x0, lr, steps):\n"
    "    x = torch.tensor(float(x0), requires_grad=True)\n"
    "    values = []\n"
    "    for _ in range(steps):\n"
    "        value = fn(x)\n"
    "        values.append(value.item())\n"
    "        value.backward()\n"
    "        with torch.no_grad():\n"
    "            x -= lr * x.grad\n"
    "        x.grad.zero_()\n"
    "    return x.item(), values\n")


@pytest.mark.parametrize("variant", variants("ex6", "correct") + variants("ex6", "book"))
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex6", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_no_zero_grad", "check_book_values", ["values[2] is 4.839999, expected 10.24",
                                                 "the gradient is never cleared"]),
    ("wrong_ascends", "check_book_values", ["values[1] is 36, expected 16 (values[0] is right)",
                                            "gradient ascent"]),
    ("wrong_value_after_update", "check_book_values", ["values[0] is 16, expected 25",
                                                       "recorded after the update instead of before"]),
    ("wrong_no_no_grad", "check_returns_pair", ["raised TypeError", "outside torch.no_grad()"]),
    ("wrong_graph_grows", "check_update_not_recorded", ["the update was recorded in the autograd graph",
                                                        "with torch.no_grad(): x -= lr * x.grad"]),
    ("wrong_returns_tensors", "check_returns_pair", ["the final x is a tensor of shape ()", ".item()"]),
    ("wrong_off_by_one", "check_returns_pair", ["returned 4 values, expected 3", "range(steps + 1)"]),
    ("wrong_hard_coded_derivative", "check_unseen_functions", ["fn(x) = cos(x): values[1] is",
                                                               "written in by hand instead of autograd"]),
    ("wrong_lr_squared", "check_book_values", ["values[1] is 24.01, expected 16",
                                               "the learning rate is applied twice"]),
    ("wrong_int_x0", "check_int_arguments", ["descend(fn, 0, 0.1, 20)", "cannot require grad",
                                             "torch.tensor(float(x0), requires_grad=True)"]),
    ("wrong_uses_sgd", "check_no_optim", ["torch.optim is not allowed", "line 7: optim.SGD"]),
    ("wrong_sgd_by_getattr", "check_no_optim", ["torch.optim is not allowed", "torch.optim.sgd.SGD"]),
    ("wrong_book_printout", "check_book_final_x", ["returned x = 4.985981, the figure the book prints",
                                                   "computes 4.942354", "misprint"]),
    ("wrong_diverging_lr_one", "check_diverging_lr", ["DIVERGING_LR = 1.0 does not diverge",
                                                      "bounces between 0 and 10"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex6", variant)
    problems = failed(result)
    assert check in problems, problems
    for fragment in fragments:
        assert fragment in problems[check], problems[check]
    assert result.score < result.max_score


def test_the_book_printout_is_not_called_a_mistake_nobody_knows(grade):
    message = failed(grade("ex6", "wrong_book_printout"))["check_book_final_x"]
    assert "No known mistake" not in message


def test_only_the_final_x_check_fails_when_only_x_is_wrong(grade):
    problems = failed(grade("ex6", "wrong_book_printout"))
    assert "check_book_values" not in problems  # the values are right: only x costs points
    assert "misprint" in problems["check_int_arguments"]  # descend(f, 0, 0.1, 20) is the same call


@pytest.mark.parametrize("value, fragment", [
    ("0.9", "bounces around it, but each bounce is smaller"),
    ("0.3", "x walks towards 5"),
    ("0", "never moves x"),
    ("1", "bounces between 0 and 10"),
    ("'1.5'", "expected a number"),
    ("True", "expected a number"),
])
def test_diverging_lr_that_does_not_diverge(grade, value, fragment):
    problems = failed(grade("ex6", source=f"{LOOP}\nDIVERGING_LR = {value}\n"))
    assert list(problems) == ["check_diverging_lr"]
    assert fragment in problems["check_diverging_lr"]


# inf and nan too: x becomes nan, which the contract counts as moving away (outsider b's valid file)
@pytest.mark.parametrize("value", ["1.5", "2", "1.0001", "-0.5", "1e300", "float('inf')", "float('nan')"])
def test_every_diverging_lr_is_accepted(grade, value):
    # The contract: |x - 5| > 5 after 50 steps, or inf/nan. A negative lr climbs away from 5 too.
    assert failed(grade("ex6", source=f"{LOOP}\nDIVERGING_LR = {value}\n")) == {}


def test_reading_the_value_on_a_detached_copy_is_fine(grade):
    source = LOOP.replace("        value = fn(x)\n        values.append(value.item())\n",
                          "        values.append(fn(x.detach()).item())\n        value = fn(x)\n")
    assert "fn(x.detach())" in source
    assert failed(grade("ex6", source=source + "DIVERGING_LR = 1.5\n")) == {}


def test_x_as_a_one_element_vector_is_not_the_contract(grade):
    source = LOOP.replace("torch.tensor(float(x0), requires_grad=True)", "torch.tensor([float(x0)], requires_grad=True)")
    problems = failed(grade("ex6", source=source + "DIVERGING_LR = 1.5\n"))
    assert "1-dim tensor, expected a 0-dim one" in problems["check_update_not_recorded"]


def test_values_as_a_tuple_cost_only_the_exact_types_check(grade):
    source = LOOP.replace("return x.item(), values", "return x.item(), tuple(values)")
    problems = failed(grade("ex6", source=source + "DIVERGING_LR = 1.5\n"))
    assert list(problems) == ["check_return_types"]
    assert "expected a list" in problems["check_return_types"]


def test_a_values_list_kept_between_calls_is_found(grade):
    source = LOOP.replace("    values = []\n", "") .replace("import torch\n", "import torch\nvalues = []\n")
    problems = failed(grade("ex6", source=source + "DIVERGING_LR = 1.5\n"))
    assert "returned 23 values, expected 20" in problems["check_returns_pair"]
    assert "make values = [] inside descend" in problems["check_returns_pair"]


def test_hidden_checks_cover_unseen_functions_and_few_steps(course):
    hidden = {spec.id for spec in course.exercise("ex6").checks() if spec.hidden}
    assert hidden == {"check_more_unseen", "check_few_steps", "check_long_runs"}


def test_cli_json_for_a_submission_that_copies_the_book_printout(tmp_path):
    shutil.copy(SUBMISSIONS / "ex6" / "wrong_book_printout.py", tmp_path / "ex6.py")
    result = CliRunner().invoke(main, ["ex6", "--submission", str(tmp_path), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["exercise"] == "ex6" and data["title"] == "Gradient descent by hand"
    assert 0 < data["score"] < data["max_score"], data["error"]
    by_id = {c["id"]: c for c in data["checks"]}
    assert by_id["check_book_final_x"]["status"] == "failed"
    assert "4.942354" in by_id["check_book_final_x"]["message"]
    assert by_id["check_book_values"]["status"] == "passed"
    assert by_id["check_more_unseen"]["hidden"] is True


def test_cli_json_for_the_untouched_stub_scores_zero_without_errors(tmp_path):
    shutil.copy(SUBMISSIONS.parent.parent / "student_template" / "ex6.py", tmp_path / "ex6.py")
    result = CliRunner().invoke(main, ["ex6", "--submission", str(tmp_path), "--format", "json"],
                                catch_exceptions=False)
    data = json.loads(result.stdout)
    assert data["score"] == 0 and data["error"] is None
    assert {c["status"] for c in data["checks"]} <= {"failed", "skipped"}
    assert any(c.get("stub") for c in data["checks"])


def test_the_diverging_lr_rule_agrees_with_running_the_reference(course):
    """check_diverging_lr judges with |x - 5| = 5 |1 - 2 lr|**50 (no reference call, so that a
    student release, which only has recorded reference answers, can judge any value): it must
    give the verdict the contract's "run the reference with it" gives."""
    import importlib.util
    import math

    spec = importlib.util.spec_from_file_location("ex6_checks_under_test", REPO / "assignments/ex6/checks.py")
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    reference = course.reference(course.exercise("ex6"))
    for lr in [-1.0, -0.01, 0.0, 0.1, 0.5, 0.9, 0.999, 1.0, 1.0001, 1.01, 1.5, 2, 3.7, 1e6, 1e200]:
        x, _ = reference.descend(lambda x: (x - 5) ** 2, 0.0, lr, 50)
        runs_away = not math.isfinite(x) or abs(x - 5) > 5
        assert (checks.distance_after_50_steps(lr) > 5) == runs_away, lr


def test_an_error_with_the_same_words_is_not_blamed_on_an_update_recorded_in_the_graph(grade):
    """`lr * None` raises the same TypeError whatever made x.grad None: here the gradient is
    cleared before the update reads it, the update itself is not recorded in any graph."""
    source = (REPO / "reference" / "ex6.py").read_text().replace(
        "        value.backward()\n", "        value.backward()\n        x.grad = None\n")
    message = failed(grade("ex6", source=source))["check_returns_pair"]
    assert "raised TypeError" in message
    assert "outside torch.no_grad()" not in message and "recorded" not in message
