"""Exercise 7 graded on real submissions: valid variants get full marks, mistakes lose points
with feedback that names what went wrong, and autograd is found however it is reached."""

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import REPO, SUBMISSIONS, failed, variants
from grader.cli import main

REFERENCE = (REPO / "reference" / "ex7.py").read_text()


@pytest.mark.parametrize("variant", variants("ex7", "correct"))
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex7", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_the_books_autograd_check_of_the_chain_rule_costs_only_the_by_hand_check(grade):
    problems = failed(grade("ex7", "book_autograd_chain_rule"))
    assert list(problems) == ["check_chain_rule_no_autograd"]
    message = problems["check_chain_rule_no_autograd"]
    assert "line 17: requires_grad=True" in message and "line 26: L.backward" in message


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_no_mask", "check_values_float32", ['the "b1" gradient of backward_by_hand(x(4, 3)', "has wrong values",
                                               "the ReLU's derivative is left out"]),
    ("wrong_no_mask", "check_relu_blocks", ["some hidden units below 0", "the ReLU's derivative is left out"]),
    ("wrong_mask_ge", "check_relu_ties", ["three hidden pre-activations exactly 0", "not z1 >= 0",
                                          "slope taken as 1 at exactly 0"]),
    ("wrong_mask_ge", "check_generated", ["exactly 0) has wrong values", "the smallest failing input"]),
    ("wrong_relu_value", "check_book_example", ["the book's ex3 example", "instead of its slope"]),
    ("wrong_bias_mean", "check_values_float32", ['the "b2" gradient', "b2 alone cannot tell which",
                                                 "averaged over the batch (.mean(0)) instead of summed"]),
    ("wrong_bias_not_summed", "check_shapes", ['the "b1" gradient', "has shape (4, 5), expected (5,)",
                                               "grad_z1.sum(0)", "not summed over the batch"]),
    ("wrong_w1_transposed", "check_shapes", ['the "W1" gradient', "has shape (3, 5), expected (5, 3)",
                                             "(n_in, n_hidden) layout"]),
    ("wrong_w2_preactivation", "check_values_float32", ['the "W2" gradient', "grad_b2 is right here",
                                                        "from the pre-activation z1 instead of the ReLU's output"]),
    ("wrong_ignores_grad_out", "check_values_float32", ['the "b2" gradient', "grad_out ignored"]),
    ("wrong_keys", "check_returns_dict", ["['dx', 'dW1', 'db1', 'dW2', 'db2'], expected ['x', 'W1', 'b1', 'W2', "
                                          "'b2']", 'Name each gradient after its input']),
    ("wrong_lowercase_keys", "check_returns_dict", ["['W1', 'W2'] missing", "case-sensitive",
                                                    "keys spelled differently"]),
    ("wrong_autograd", "check_backward_no_autograd", ["line 7: t.detach().clone().requires_grad_",
                                                      "line 9: out.backward"]),
    ("wrong_autograd_hidden", "check_backward_no_autograd", ["backward_by_hand called torch.autograd.grad",
                                                             "backward_by_hand called torch.Tensor.requires_grad_"]),
    ("wrong_modifies_input", "check_inputs_unchanged", ["modified its input `b1` in place"]),
    ("wrong_inplace_restored", "check_inputs_unchanged", ["changed its input `W1` in place during the call",
                                                          "written 2 times", "W1.t_()"]),
    ("wrong_chain_rule", "check_chain_rule_example", ["returned (14, 7), expected (28, 14)",
                                                      "dL/dz taken as z instead of 2z"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex7", variant)
    problems = failed(result)
    assert check in problems, problems
    for fragment in fragments:
        assert fragment in problems[check], problems[check]
    assert result.score < result.max_score


def test_a_tie_mistake_passes_everything_but_the_ties(grade):
    """z1 >= 0 only differs where a pre-activation is exactly 0: random floats never are."""
    problems = failed(grade("ex7", "wrong_mask_ge"))
    assert {"check_values_float32", "check_values_float64", "check_relu_blocks", "check_small_sizes"}.isdisjoint(
        problems)
    assert "check_relu_ties" in problems


def test_the_book_example_cannot_see_a_mean_or_an_ignored_grad_out(grade):
    """One example and grad_out = 1: a mean equals the sum, ones equal grad_out. Later checks see them."""
    for variant in ("wrong_bias_mean", "wrong_ignores_grad_out"):
        problems = failed(grade("ex7", variant))
        assert "check_book_example" not in problems and "check_values_float32" in problems


def test_autograd_in_a_self_test_or_under_main_is_fine_and_requires_grad_false_too(grade):
    source = REFERENCE.replace("    z1 = x @ W1.T + b1  #", "    z1 = torch.zeros_like(x, requires_grad=False)\n"
                                                          "    z1 = x @ W1.T + b1  #") + (
        "\n\ndef compare_with_autograd(x, W1, b1, W2, b2, grad_out):\n"
        "    leaves = [t.clone().requires_grad_() for t in (x, W1, b1, W2, b2)]\n"
        "    out = torch.relu(leaves[0] @ leaves[1].T + leaves[2]) @ leaves[3] + leaves[4]\n"
        "    return torch.autograd.grad(out, leaves, grad_out)\n\n"
        "if __name__ == '__main__':\n"
        "    w = torch.tensor(3.0, requires_grad=True)\n"
        "    ((w * 2 + 1) ** 2).backward()\n"
        "    print(w.grad)\n")
    assert failed(grade("ex7", source=source)) == {}


def test_requires_grad_as_a_keyword_is_found(grade):
    source = REFERENCE.replace("    x, w, b = 2.0, 3.0, 1.0\n", "    x, w, b = 2.0, 3.0, 1.0\n"
                                                                "    t = torch.tensor(w, requires_grad=True)\n")
    problems = failed(grade("ex7", source=source))
    assert list(problems) == ["check_chain_rule_no_autograd"]
    assert "requires_grad=True" in problems["check_chain_rule_no_autograd"]


def test_an_extra_entry_in_the_dict_or_an_ordered_dict_is_fine(grade):
    extra = REFERENCE.replace('"b2": grad_b2}', '"b2": grad_b2, "h": h}')
    assert failed(grade("ex7", source=extra)) == {}
    ordered = "import collections\n" + REFERENCE.replace(
        'return {"x": grad_x, "W1": grad_W1, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2}',
        "return collections.OrderedDict(x=grad_x, W1=grad_W1, b1=grad_b1, W2=grad_W2, b2=grad_b2)")
    assert failed(grade("ex7", source=ordered)) == {}  # a dict subclass is the dict the contract asks for


def test_the_cli_grades_ex7_as_json(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["ex7", "--submission", str(REPO / "reference"), "--format", "json"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["exercise"] == "ex7" and data["score"] == data["max_score"] > 0
    assert any(check["hidden"] for check in data["checks"])

    shutil.copy(SUBMISSIONS / "ex7" / "wrong_no_mask.py", tmp_path / "ex7.py")
    result = runner.invoke(main, ["ex7", "--submission", str(tmp_path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert 0 < data["score"] < data["max_score"]
    messages = {check["name"]: check["message"] for check in data["checks"] if check["status"] == "failed"}
    assert any("the ReLU's derivative is left out" in message for message in messages.values())
