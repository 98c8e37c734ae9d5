"""The contract's rules for every function (../shared/EXERCISES.md, "Rules for every function"),
checked by the engine for every contract function of every exercise (grader/remote/rules.py in the
worker, grader/core/contract.py for the checks and their words): arguments left as given, PyTorch's
settings left as found, calls independent, imports within torch, math and the standard library.

Graded for real: each submission is a reference solution with one mutation, graded through
the API (grader.grading.runner) and, for some, through the `grade` command. Each loses the rule
check of the function that broke the rule (or the module's), with a message that says what
changed; the references and a valid variant that seeds the random generator keep full marks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, failed
from grader.core.contract import load_rules, rule_specs

REFERENCE = {name: (REPO / "reference" / f"{name}.py").read_text()
             for name in ("ex1", "ex2", "ex3", "ex4", "ex5", "ex6", "ex8", "ex9")}
FORWARD = "    hidden = torch.relu(x @ W1.T + b1)\n"


def mutated(exercise: str, old: str, new: str) -> str:
    """The reference with `old` replaced by `new` (which must be there: a mutant of nothing proves nothing)."""
    source = REFERENCE[exercise]
    assert old in source, f"{old!r} is not in reference/{exercise}.py"
    return source.replace(old, new, 1)


MSE = "    return ((pred - target) ** 2).mean()"
MAE = "    return (pred - target).abs().mean()"


def only_rule_failures(result, *ids: str) -> dict[str, str]:
    """The failed checks, asserting that the ones named are among them and scored nothing."""
    problems = failed(result)
    for check_id in ids:
        assert check_id in problems, (check_id, problems)
        check = next(c for c in result.checks if c.id == check_id)
        assert check.status == "failed" and check.score == 0 and check.max_score == 1
    assert result.score < result.max_score
    return problems


# ---------------------------------------------------------------- the engine's checks exist


def test_every_exercise_has_a_rule_check_per_function_and_one_for_its_module(course):
    for exercise in course.exercises:
        ids = [spec.id for spec in exercise.checks()]
        rules = load_rules(exercise.folder)
        functions = [name for name in exercise.functions if name[:1].islower()]
        assert ids[-len(functions) - 1:] == [f"rules_{name}" for name in functions] + ["rules_of_module"], exercise.name
        assert all(spec.points == 1 and spec.kind == "api" for spec in rule_specs(exercise.folder))
        assert rules.judged == functions
    assert load_rules(course.exercise("ex9").folder).may_change == {"train": ("model",)}


def test_the_rules_table_is_checked(tmp_path):
    (tmp_path / "exercise.toml").write_text('title = "t"\nfunctions = ["f"]\n[rules]\ng = { may_change = ["x"] }\n')
    with pytest.raises(ValueError, match="not in functions"):
        load_rules(tmp_path)
    (tmp_path / "exercise.toml").write_text('title = "t"\nfunctions = ["f"]\n[rules]\nf = { skip = ["speed"] }\n')
    with pytest.raises(ValueError, match="skip must list"):
        load_rules(tmp_path)


# ---------------------------------------------------------------- valid files keep full marks


@pytest.mark.parametrize("exercise", ["ex2", "ex3", "ex5", "ex6", "ex9"])
def test_references_keep_full_marks(grade, exercise):
    result = grade(exercise, source=REFERENCE[exercise])
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_seeding_the_random_generator_is_allowed(grade):
    source = mutated("ex5", "import torch\n", "import random\n\nimport torch\n\ntorch.manual_seed(42)\nrandom.seed(1)\n")
    source = source.replace(MAE, "    torch.manual_seed(0)\n" + MAE)
    result = grade("ex5", source=source)
    assert failed(result) == {}
    assert result.score == result.max_score


def test_a_namedtuple_answer_holding_a_model_is_replayed_alike(grade):
    # The answers of the first call and its replays are compared item by item (a namedtuple's
    # items too), never as whole tuples holding tensors (bool() of a tensor raises).
    source = mutated("ex4", "import torch\n", "from collections import namedtuple\n\nimport torch\n")
    source = source.replace("    return model, losses", "    return namedtuple('Trained', 'model losses')(model, losses)")
    assert "Trained" in source
    result = grade("ex4", source=source)
    assert failed(result) == {}


def test_allowed_imports_anywhere_keep_full_marks(grade):
    source = mutated("ex5", MSE, "    import math\n    import collections.abc\n    from torch.nn import functional\n" + MSE)
    result = grade("ex5", source=source)
    assert failed(result) == {}


def test_a_stub_earns_nothing_from_the_rules(grade):
    result = grade("ex5", source=(REPO / "student_template" / "ex5.py").read_text())
    rules = {c.id: c for c in result.checks if c.id.startswith("rules_")}
    assert set(rules) == {"rules_mse", "rules_mae", "rules_of_module"}
    assert all(c.score == 0 and c.status == "skipped" for c in rules.values())
    assert "no function of ex5.py has returned a value" in rules["rules_of_module"].message


# ---------------------------------------------------------------- inputs stay as given


def test_requires_grad_turned_on_for_an_input(grade):
    result = grade("ex5", source=mutated("ex5", MSE, "    pred.requires_grad_()\n" + MSE))
    problems = only_rule_failures(result, "rules_mse")
    assert problems["rules_mse"].startswith("mse(pred, target) turned on requires_grad of its argument pred")
    assert "pred.detach().requires_grad_()" in problems["rules_mse"]  # what to do instead
    assert "rules_mae" not in problems and "rules_of_module" not in problems  # only that function's rule check


def test_an_inputs_grad_cleared(grade):
    result = grade("ex5", source=mutated("ex5", MAE, "    pred.grad = None\n" + MAE))
    problems = only_rule_failures(result, "rules_mae")
    assert "mae(pred, target) cleared the .grad of its argument pred" in problems["rules_mae"]
    assert result.score == result.max_score - 1  # nothing else is wrong with it


def test_an_in_place_operation_that_leaves_the_values_equal(grade):
    result = grade("ex5", source=mutated("ex5", MSE, "    with torch.no_grad():\n        pred.add_(0.0)\n" + MSE))
    problems = only_rule_failures(result, "rules_mse")
    assert problems["rules_mse"].startswith("mse(pred, target) changed its argument pred in place (its version "
                                            "counter went from 0 to 1; values equal): make a new tensor instead")
    assert "not `pred.add_(1)`" in problems["rules_mse"]


def test_a_negative_zero_flipped_through_data_is_seen_bit_for_bit(grade):
    # `.data` has a version counter of its own: only the bits show the change (the book's b2 is [0.]).
    source = mutated("ex3", "    hidden = torch.relu(x @ W1.T + b1)\n",
                     "    b2.data[b2.data == 0] = -0.0\n    hidden = torch.relu(x @ W1.T + b1)\n")
    result = grade("ex3", source=source)
    problems = only_rule_failures(result, "rules_forward")
    assert problems["rules_forward"].startswith(
        "forward(x, W1, b1, W2, b2) changed its argument b2 in place: element [0] went from 0.0 to -0.0 (equal as "
        "numbers, not the same bits")


def test_train_may_change_its_model_but_not_its_data(grade):
    # ex9's [rules] lets train change `model`, as its contract says; X stays as given.
    source = mutated("ex9", "    optimizer = torch.optim.Adam(model.parameters(), lr=lr)",
                     "    with torch.no_grad():\n        X.mul_(1.0)\n    optimizer = torch.optim.Adam(model.parameters(), lr=lr)")
    result = grade("ex9", source=source)
    problems = only_rule_failures(result, "rules_train")
    assert "train(model, X, y, epochs, lr) changed its argument X in place" in problems["rules_train"]
    assert "model" not in problems["rules_train"].split("\n")[0].replace("train(model,", "")


def test_a_models_parameters_changed_by_a_function_that_may_not(grade):
    source = mutated("ex9", "    return sum(p.numel() for p in model.parameters() if p.requires_grad)",
                     "    for p in model.parameters():\n        p.grad = None\n"
                     "    return sum(p.numel() for p in model.parameters() if p.requires_grad)")
    source = source.replace("    for _ in range(epochs):", "    for p in model.parameters():\n        p.grad = None\n"
                                                          "    for _ in range(epochs):")
    result = grade("ex9", source=source)
    assert "rules_train" not in failed(result)  # train may change its model, .grad included
    assert set(failed(result)) == {"rules_count_parameters"}  # count_parameters may not (replayed with .grad set)


# ---------------------------------------------------------------- calls are independent


ID_MEMO = '''_answers = {}


def mse(pred, target):
    key = (id(pred), id(target))
    if key not in _answers:
        _check_shapes(pred, target)
        _answers[key] = ((pred - target) ** 2).mean()
    return _answers[key]
'''


def test_an_id_keyed_memo_is_judged_and_the_same_every_time(grade):
    source = mutated("ex5", "def mse(pred, target):\n    _check_shapes(pred, target)\n" + MSE + "\n", ID_MEMO)
    verdicts = []
    for _ in range(3):  # it once got full marks in 3 of 6 runs: ids reused or not
        result = grade("ex5", source=source)
        problems = only_rule_failures(result, "rules_mse")
        assert problems["rules_mse"].startswith("mse(pred, target), called again with the same argument objects "
                                                "holding new values, did not answer as for those values")
        assert "cache keyed on id(...)" in problems["rules_mse"]
        verdicts.append(result.verdict_key())
    assert verdicts[0] == verdicts[1] == verdicts[2]
    assert result.score == result.max_score - 1  # ids are never reused while grading: no other check is hit


def id_memo(function: str, parameters: str) -> str:
    """`function` answering from a memo keyed on its arguments' ids, the reference's body renamed."""
    key = ", ".join(f"id({p})" for p in parameters.split(", "))
    return (f"_answers = {{}}\n\n\ndef {function}({parameters}):\n    key = ({key})\n"
            f"    if key not in _answers:\n        _answers[key] = _{function}({parameters})\n"
            f"    return _answers[key]\n\n\ndef _{function}({parameters}):\n")


@pytest.mark.parametrize("function, parameters", [("matmul_shape", "a, b"), ("reshape_shape", "shape, new_shape")])
def test_an_id_keyed_memo_on_tuples_is_found_where_python_reuses_ids(grade, function, parameters):
    """Tuples have no storage to write new values into: the engine frees a call's tuples and
    makes new ones at their ids (CPython reuses a freed tuple's memory). reshape_shape's first
    call returns its new_shape itself, which the memo then keeps alive: a later call is used."""
    source = mutated("ex1", f"def {function}({parameters}):\n", id_memo(function, parameters))
    verdicts = []
    for _ in range(2):
        result = grade("ex1", source=source)
        problems = only_rule_failures(result, f"rules_{function}")
        assert "placed where the freed objects of an earlier call had been (so they had the same id()s), answered " \
               "for the earlier call's values" in problems[f"rules_{function}"]
        verdicts.append(result.verdict_key())
    assert verdicts[0] == verdicts[1]
    assert result.score == result.max_score - 1


@pytest.mark.parametrize("exercise, function, after, clearing", [
    ("ex8", "softmax", "    # BEGIN SOLUTION\n    shifted", "    logits.grad = None\n"),
    ("ex9", "count_parameters", "def count_parameters(model):\n", "    for p in model.parameters():\n        p.grad = None\n"),
])
def test_an_arguments_grad_cleared_when_it_carries_one(grade, exercise, function, after, clearing):
    """The checks' own tensors carry no .grad: the engine replays a call with arguments that do
    (a caller's tensors after its own backward) and sees it cleared."""
    anchor = after.split("\n")[0] + "\n"
    result = grade(exercise, source=mutated(exercise, anchor, anchor + clearing))
    problems = only_rule_failures(result, f"rules_{function}")
    assert "cleared the .grad of its argument" in problems[f"rules_{function}"]
    assert result.score == result.max_score - 1


def test_lru_cache_on_a_function_taking_a_function(grade):
    source = mutated("ex2", "import torch\n", "import functools\n\nimport torch\n")
    source = source.replace("def gradient(fn, x, y):", "@functools.lru_cache(maxsize=None)\ndef gradient(fn, x, y):")
    result = grade("ex2", source=source)
    problems = only_rule_failures(result, "rules_gradient")
    assert "gradient(fn, x, y), called again after the other checks with new arguments equal to those of its first " \
           "call, answered differently: it raised TypeError" in problems["rules_gradient"]
    assert "functools.lru_cache needs hashable arguments" in problems["rules_gradient"]


def test_lru_cache_on_tensors(grade):
    source = mutated("ex5", "import torch\n", "import functools\n\nimport torch\n")
    source = source.replace("def mse(pred, target):", "@functools.lru_cache(maxsize=None)\ndef mse(pred, target):")
    problems = only_rule_failures(grade("ex5", source=source), "rules_mse")
    assert "did not answer as for those values" in problems["rules_mse"]


def test_a_mutable_default_argument(grade):
    source = mutated("ex6", "def descend(fn, x0, lr, steps):\n", "def descend(fn, x0, lr, steps, values=[]):\n")
    source = source.replace("    values = []\n", "")
    problems = only_rule_failures(grade("ex6", source=source), "rules_descend")
    assert "called again after the other checks with new arguments equal to those of its first call, answered " \
           "differently" in problems["rules_descend"]
    assert "items the first time" in problems["rules_descend"]
    assert "mutable default" in problems["rules_descend"]


def test_a_counter(grade):
    source = mutated("ex5", "def mse(pred, target):\n", "_calls = [0]\n\n\ndef mse(pred, target):\n"
                                                        "    _calls[0] += 1\n")
    source = source.replace(MSE, "    return ((pred - target) ** 2).mean() * (1.0 if _calls[0] % 2 else 1.0 + 1e-3)")
    problems = only_rule_failures(grade("ex5", source=source), "rules_mse")
    assert "answered differently" in problems["rules_mse"]


def test_answers_that_differ_only_by_rounding_are_the_same_answer(grade):
    """A library may round differently from call to call in one process (MKL's LAPACK behind
    torch.linalg.lstsq did: corpus c's closed_form_then_polish lost this point in one run of two):
    two units in the last place of the answer are no state kept between calls."""
    source = mutated("ex5", "def mse(pred, target):\n", "_calls = [0]\n\n\ndef mse(pred, target):\n"
                                                        "    _calls[0] += 1\n")
    source = source.replace(MSE, "    return ((pred - target) ** 2).mean() * (1.0 if _calls[0] % 2 else 1.0 + 2 ** -22)")
    result = grade("ex5", source=source)
    assert "rules_mse" not in failed(result)


def test_rounding_is_judged_at_the_scale_of_the_whole_answer():
    import torch

    from grader.remote.rules_answers import difference, fingerprint

    def converter(bias: float) -> torch.nn.Module:
        model = torch.nn.Linear(1, 1)
        with torch.no_grad():
            model.weight.fill_(0.99)
            model.bias.fill_(bias)
        model.register_buffer("f_mean", torch.tensor(86.0))  # the scale the bias is read at
        return model

    first = fingerprint((converter(-5.643888556505772e-08), [1.27e-12, 1.1e-14]))
    # the bias and a loss differ in every digit, by rounding at the model's scale: the same answer
    assert difference(first, fingerprint((converter(-5.641619083007754e-08), [9.5e-13, 1.1e-14]))) is None
    # a change of the bias that is not rounding at that scale is found, where it is
    found = difference(first, fingerprint((converter(1e-3), [1.27e-12, 1.1e-14])))
    assert found is not None and found["path"] == "[0].bias" and found["kind"] == "value"
    found = difference(first, fingerprint((converter(-5.643888556505772e-08), [1.27e-12, 0.5])))
    assert found is not None and found["path"] == "[1][1]"


# ---------------------------------------------------------------- global state stays as found


def test_the_default_dtype_changed_at_import(grade):
    result = grade("ex5", source=mutated("ex5", "import torch\n", "import torch\n\ntorch.set_default_dtype(torch.float64)\n"))
    problems = only_rule_failures(result, "rules_of_module")
    assert problems["rules_of_module"].startswith(
        "importing ex5.py changed PyTorch's default dtype from torch.float32 to torch.float64")
    assert "dtype=" in problems["rules_of_module"]
    assert result.score == result.max_score - 1  # undone at once: no later check is hit


def test_grad_mode_left_off_by_a_call(grade):
    source = mutated("ex5", MAE, "    out = (pred - target).abs().mean()\n    torch.set_grad_enabled(False)\n"
                                 "    return out")
    result = grade("ex5", source=source)
    problems = only_rule_failures(result, "rules_mae")
    assert problems["rules_mae"].startswith("mae(pred, target) changed PyTorch's grad mode (torch.is_grad_enabled()) "
                                            "from True to False and left it so")
    assert "with torch.no_grad():" in problems["rules_mae"]
    assert result.score == result.max_score - 1  # undone after each call: the gradient checks still pass


def test_other_settings_at_import_and_in_a_call(grade):
    source = mutated("ex5", "import torch\n", "import torch\n\ntorch.use_deterministic_algorithms(True)\n")
    source = source.replace(MSE, "    torch.set_num_threads(2)\n" + MSE)
    problems = only_rule_failures(grade("ex5", source=source), "rules_of_module", "rules_mse")
    assert problems["rules_of_module"].startswith("importing ex5.py changed PyTorch's deterministic-algorithms "
                                                  "setting from False to True")
    assert problems["rules_mse"].startswith("mse(pred, target) changed PyTorch's number of threads from 1 to 2 "
                                            "and left it so")


def test_a_thread_count_set_to_the_value_it_has_is_still_seen(grade):
    # The worker runs on one thread: torch.set_num_threads(1) changes nothing a reading shows,
    # but on the student's machine it changes the caller's count. The call is the finding.
    source = mutated("ex5", "import torch\n", "import torch\n\ntorch.set_num_threads(1)\n")
    problems = only_rule_failures(grade("ex5", source=source), "rules_of_module")
    assert problems["rules_of_module"].startswith("importing ex5.py calls torch.set_num_threads(1), which sets the "
                                                  "number of threads for the whole program")


def test_seeding_where_the_results_depend_on_the_generator(grade):
    # ex9's [rules] seeding = false: the book's script starts with torch.manual_seed(42), ex9.py may not.
    source = mutated("ex9", "import torch\n", "import torch\n\ntorch.manual_seed(42)\n")
    result = grade("ex9", source=source)
    problems = only_rule_failures(result, "rules_of_module")
    assert problems["rules_of_module"].startswith("importing ex9.py calls torch.manual_seed(42)")
    assert result.score == result.max_score - 1


def test_retain_grad_on_an_argument(grade):
    source = mutated("ex5", MSE, "    if pred.requires_grad and not pred.is_leaf:\n        pred.retain_grad()\n" + MSE)
    problems = only_rule_failures(grade("ex5", source=source), "rules_mse")
    assert problems["rules_mse"].startswith("mse(pred, target) called retain_grad() on its argument pred")


def test_an_argument_re_pointed_to_a_contiguous_copy(grade):
    # Equal values, equal version: only a non-contiguous argument shows it (its strides change).
    # The engine replays every first call with its tensors as non-contiguous views.
    source = mutated("ex3", FORWARD, "    if not x.is_contiguous():\n        x.data = x.data.contiguous()\n" + FORWARD)
    result = grade("ex3", source=source)
    problems = only_rule_failures(result, "rules_forward")
    assert problems["rules_forward"].startswith("forward(x, W1, b1, W2, b2) changed the layout (strides) of its "
                                                "argument x in place")
    assert result.score == result.max_score - 1


def test_a_function_that_fails_on_non_contiguous_views(grade):
    source = mutated("ex3", FORWARD, "    W1 = W1.view(-1).view(W1.shape)\n" + FORWARD)
    problems = only_rule_failures(grade("ex3", source=source), "rules_forward")
    assert "called again with its tensor arguments as non-contiguous views holding the same values" \
        in problems["rules_forward"]
    assert "RuntimeError" in problems["rules_forward"] and ".reshape" in problems["rules_forward"]


# ---------------------------------------------------------------- imports


def test_numpy_imported_and_used(grade):
    source = mutated("ex5", "import torch\n", "import numpy as np\nimport torch\n")
    source = source.replace(MAE, "    assert np.isfinite(float(pred.detach().sum()))\n" + MAE)
    result = grade("ex5", source=source)
    problems = only_rule_failures(result, "rules_of_module")
    assert problems["rules_of_module"].startswith("ex5.py imports numpy: only torch, math and the standard library "
                                                  "are allowed")
    assert "Also" not in problems["rules_of_module"]  # the name `np` holding it is the same finding
    assert result.score == result.max_score - 1


@pytest.mark.parametrize("how", ["    np = __import__('nu' + 'mpy')\n", "    import importlib\n"
                                 "    np = importlib.import_module('numpy')\n", "    import numpy as np\n"])
def test_numpy_imported_inside_a_function_however_reached(grade, how):
    source = mutated("ex5", MAE, how + "    assert np.isfinite(float(pred.detach().sum()))\n" + MAE)
    problems = only_rule_failures(grade("ex5", source=source), "rules_of_module")
    assert problems["rules_of_module"].startswith("ex5.py imports numpy inside mae")


def test_numpy_reached_through_a_tensor_method(grade):
    source = mutated("ex5", MAE, "    assert pred.detach().numpy().all() or True\n" + MAE)
    problems = only_rule_failures(grade("ex5", source=source), "rules_of_module")
    assert problems["rules_of_module"].startswith("ex5.py uses numpy through Tensor.numpy() inside mae")


def test_numpy_taken_from_sys_modules_at_import(grade):
    source = mutated("ex5", "import torch\n", "import sys\n\nimport torch\n\nnp = sys.modules['numpy']\n")
    problems = only_rule_failures(grade("ex5", source=source), "rules_of_module")
    assert problems["rules_of_module"].startswith("ex5.py holds numpy in its name `np`")


# ---------------------------------------------------------------- the grade command


def grade_command(folder: Path, exercise: str) -> dict:
    env = dict(os.environ, GRADER_SERVER="0", GRADER_COURSE=str(REPO))
    done = subprocess.run([sys.executable, "-m", "grader.cli", exercise, "--submission", str(folder), "--format",
                           "json"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout)


def test_through_the_grade_command(tmp_path):
    valid, wrong = tmp_path / "valid", tmp_path / "wrong"
    valid.mkdir()
    wrong.mkdir()
    (valid / "ex5.py").write_text(mutated("ex5", "import torch\n", "import torch\n\ntorch.manual_seed(42)\n"))
    (wrong / "ex5.py").write_text(mutated("ex5", MSE, "    with torch.no_grad():\n        target.add_(0.0)\n" + MSE))
    graded = grade_command(valid, "ex5")
    assert graded["score"] == graded["max_score"] > 0
    assert [c["id"] for c in graded["checks"]][-3:] == ["rules_mse", "rules_mae", "rules_of_module"]
    graded = grade_command(wrong, "ex5")
    checks = {c["id"]: c for c in graded["checks"]}
    assert checks["rules_mse"]["status"] == "failed" and checks["rules_mse"]["score"] == 0
    assert checks["rules_mse"]["message"].startswith("mse(pred, target) changed its argument target in place (its "
                                                     "version counter went from 0 to 1; values equal)")
    assert graded["score"] <= graded["max_score"] - 1  # (an in-place op on an expanded view also raises)
