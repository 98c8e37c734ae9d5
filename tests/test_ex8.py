"""Exercise 8 graded on real submissions."""

import json

import pytest
from click.testing import CliRunner

from conftest import REPO, SUBMISSIONS, failed, variants
from grader.cli import main

STABLE_SOFTMAX = (
    "import torch\n\n"
    "def softmax(logits, dim=-1):\n"
    "    exps = (logits - logits.amax(dim=dim, keepdim=True)).exp()\n"
    "    return exps / exps.sum(dim=dim, keepdim=True)\n\n")
VALIDATION = (
    "    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():\n"
    "        raise ValueError('bad targets')\n")


@pytest.mark.parametrize("variant", variants("ex8", "correct"))
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex8", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_the_sections_own_code_passes_values_but_uses_forbidden_built_ins(grade):
    problems = failed(grade("ex8", "book_section7"))
    assert list(problems) == ["check_no_built_ins"]
    assert "line 8: torch.softmax" in problems["check_no_built_ins"]
    assert "line 14: nn.CrossEntropyLoss" in problems["check_no_built_ins"]


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_naive", "check_softmax_large_logits",
     ["is nan, expected 0.727475", "exp of the raw logits, with no maximum subtracted (overflow)"]),
    ("wrong_naive", "check_ce_large_logits",
     ["returned inf, expected 1.34901", "must stay finite", "exp of an unshifted logit overflowed"]),
    ("wrong_log_of_softmax", "check_ce_large_logits",
     ["returned inf, expected 177.681", "the log of a probability that underflowed to 0"]),
    ("wrong_log_of_softmax", "check_ce_generated", ["the log of a probability that underflowed to 0"]),
    ("wrong_global_max", "check_softmax_rows_far_apart",
     ["is nan", "the maximum of the whole tensor subtracted instead of each row's own maximum"]),
    ("wrong_global_max", "check_ce_rows_far_apart",
     ["returned -inf, expected 1251.04", "the maximum of the whole batch was subtracted"]),
    ("wrong_dim_ignored", "check_softmax_dim",
     ["dim=0) returned wrong values", "sums to 1 along dim=1, not along dim=0",
      "the dim argument is ignored (always the last dimension)"]),
    ("wrong_sum", "check_ce_values", ["the value is 11.18169, expected 2.795422", ".sum() over the batch instead"]),
    ("wrong_column_index", "check_ce_values", ["log_probs[:, targets] picks an (N, N) table"]),
    ("wrong_no_validation", "check_ce_raises",
     ["torch.tensor([0, -1, 2])) returned a tensor of shape (), expected it to raise ValueError",
      "the targets are not checked"]),
    ("wrong_item", "check_ce_book", ["returned a float (0.4170299), expected a torch.Tensor",
                                     "turned into a Python number with .item()"]),
    ("wrong_inplace", "check_ce_inputs_unchanged",
     ["modified its input `logits` in place", "logits are shifted in place (logits -= max)"]),
    ("wrong_inplace", "check_ce_gradients", ["raised RuntimeError when logits require grad", "new tensor"]),
    ("wrong_softmax_log_domain", "check_softmax_large_logits",
     ["is 0.5742517, expected 0.574097", "this is lost precision, not a wrong formula"]),
    ("wrong_softmax_inplace", "check_softmax_input_unchanged",
     ["modified its input `logits` in place", "the logits are shifted in place inside softmax"]),
    ("wrong_one_hot_product", "check_minus_inf_logits",
     ["returned nan", "must stay finite", "multiplying with a one-hot mask (0 * -inf = nan)"]),
    ("wrong_per_example", "check_ce_scalar", ["returned shape (4,), expected ()", "`.mean()` with no `dim`"]),
    ("wrong_tensor_method", "check_no_built_ins", ["line 5: logits.softmax", "line 11: logits.log_softmax"]),
    ("wrong_getattr_builtin", "check_no_built_ins", ["cross_entropy called torch.log_softmax"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex8", variant)
    problems = failed(result)
    assert check in problems
    for fragment in fragments:
        assert fragment in problems[check]
    assert result.score < result.max_score


def test_lost_precision_is_not_called_an_unknown_mistake(grade):
    problems = failed(grade("ex8", "wrong_softmax_log_domain"))
    assert {"check_softmax_large_logits", "check_softmax_generated"} <= set(problems)
    assert not [check for check in problems if "_ce_" in check]  # its cross_entropy is a valid form
    assert "No known mistake" not in problems["check_softmax_large_logits"]


def test_global_max_passes_every_visible_check_on_equal_sized_rows(grade):
    # Valid algebra: it only breaks when rows lie far apart, which the hidden checks (and the
    # generated inputs) reach.
    problems = failed(grade("ex8", "wrong_global_max"))
    assert "check_softmax_large_logits" not in problems and "check_ce_large_logits" not in problems
    assert {"check_softmax_rows_far_apart", "check_ce_rows_far_apart"} <= set(problems)


def test_a_private_entry_point_reached_dynamically_is_found(grade):
    source = STABLE_SOFTMAX + (
        "def cross_entropy(logits, targets):\n" + VALIDATION +
        "    fn = getattr(torch._C._nn, 'cross_' + 'entropy_loss')\n"
        "    return fn(logits, targets).mean()  # reduction: none\n")
    problems = failed(grade("ex8", source=source))
    assert list(problems) == ["check_no_built_ins"]
    assert "cross_entropy called torch._C._nn.cross_entropy_loss" in problems["check_no_built_ins"]


def test_own_helpers_and_names_like_the_built_ins_are_not_forbidden_calls(grade):
    # A variable called log_softmax, an __all__ list, a docstring: none of them calls a built-in.
    source = ('"""softmax and cross_entropy, by hand."""\n'
              "__all__ = ['softmax', 'cross_entropy']\n" + STABLE_SOFTMAX +
              "def cross_entropy(logits, targets):\n" + VALIDATION +
              "    shifted = logits - logits.amax(dim=1, keepdim=True)\n"
              "    log_softmax = shifted - shifted.exp().sum(dim=1, keepdim=True).log()\n"
              "    return -log_softmax[torch.arange(len(targets)), targets].mean()\n")
    assert failed(grade("ex8", source=source)) == {}


def test_an_imported_built_in_is_found_with_its_lines(grade):
    source = ("from torch.nn.functional import log_softmax as ls\n" + STABLE_SOFTMAX +
              "def cross_entropy(logits, targets):\n" + VALIDATION +
              "    return -ls(logits, 1)[torch.arange(len(targets)), targets].mean()\n")
    problems = failed(grade("ex8", source=source))
    assert list(problems) == ["check_no_built_ins"]
    assert "line 1" in problems["check_no_built_ins"] and "line 11" in problems["check_no_built_ins"]


def test_the_cli_grades_a_folder_and_prints_json(tmp_path):
    (tmp_path / "ex8.py").write_text((SUBMISSIONS / "ex8" / "wrong_sum.py").read_text())
    result = CliRunner().invoke(main, ["ex8", "--submission", str(tmp_path), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert 0 < data["score"] < data["max_score"]
    checks = {c["id"]: c for c in data["checks"]}
    assert checks["check_ce_values"]["status"] == "failed"
    assert ".sum() over the batch instead of .mean()" in checks["check_ce_values"]["message"]
    assert checks["check_softmax_values"]["status"] == "passed"


def test_the_cli_gives_the_reference_full_marks(tmp_path):
    result = CliRunner().invoke(main, ["ex8", "--submission", str(REPO / "reference"), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["score"] == data["max_score"] > 0
