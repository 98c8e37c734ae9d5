"""The dependency rule: a check whose dependency did not pass is skipped with that cause, except
when the dependency failed only on a result's dtype (its values, cast, were right). Then the
check still runs, for its feedback only: a bigger mistake (a result cut off from autograd) is
reported in full, the same dtype problem again is folded into a skip pointing at the first
report, and a pass earns nothing until the dependency passes, so a dtype mistake costs exactly
the points it cost when its dependents were skipped.

Graded for real: a small course of its own (one exercise, `scale`, with a chain of dependent
checks) and submissions written as files, through the API and the `grade` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
import torch

from grader.grading.course import Course
from grader.expect import expect_tensor, expect_tensor_like
from grader.core.outcomes import CheckFailure
from grader.grading.runner import grade_exercise
from grader.authoring.scaffold import scaffold_exercise

CHECKS = '''
"""Checks for scale(x, factor), chained so that every case of the dependency rule shows."""

import torch

from grader.checks import check, compare_tensors, expect_grads, expect_tensor, expect_unchanged, for_all
from grader.strategies import DTYPES, composite, random_tensor, st


def seeded(seed, shape, dtype):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@check("scale matches the reference in float32 and float64", kind="value", points=2)
def check_values(student, reference):
    for seed, dtype in enumerate((torch.float32, torch.float64)):
        x = seeded(seed, (3, 4), dtype)
        expect_tensor(student.scale(x, 2.5), reference.scale(x, 2.5), call=f"scale(x in {str(dtype)[6:]}, 2.5)")


@check("gradients of scale flow back to x", kind="gradient", points=2, depends="check_values")
def check_gradients(student, reference):
    for seed, dtype in enumerate((torch.float64, torch.float32)):
        x = seeded(10 + seed, (5,), dtype)
        expect_grads(student.scale, reference.scale, (x, -3.0), ["x", "factor"], wrt=[0],
                     call=f"scale(x in {str(dtype)[6:]}, -3.0)")


@check("scale of a large float64 tensor", kind="value", points=1, depends="check_gradients")
def check_large(student, reference):
    x = seeded(20, (64, 33), torch.float64)
    expect_tensor(student.scale(x, 0.5), reference.scale(x, 0.5), call="scale(x of shape (64, 33) in float64, 0.5)")


@check("scale leaves x unchanged", kind="api", points=1, depends="check_values")
def check_unchanged(student):
    x = seeded(30, (4,), torch.float32)
    _, after = student.scale.with_inputs(x, 2.0)
    expect_unchanged([x], after, ["x"], call="scale(x, 2.0)")


@check("scale by 1 is x", kind="value", points=1, depends="check_unchanged")
def check_identity(student, reference):
    x = seeded(40, (3,), torch.float32)
    expect_tensor(student.scale(x, 1.0), reference.scale(x, 1.0), call="scale(x, 1.0)")


@composite
def inputs(draw):
    return random_tensor((draw(st.integers(1, 4)),), draw(st.sampled_from(DTYPES)), draw(st.integers(0, 99)), 1.0), 2.0


@check("scale agrees with the reference on generated inputs", kind="value", points=1, depends="check_values")
def check_generated(student, reference):
    for_all(inputs(), student.scale, reference.scale, compare=compare_tensors, key="deps.scale", count=12,
            describe=lambda x, factor: f"scale(<{str(x.dtype)[6:]} tensor>, {factor})")


@check("scale is defined", kind="api", points=1)
def check_defined(student):
    assert student.has("scale")
'''

SUBMISSIONS = {
    "correct": "def scale(x, factor):\n    return factor * x\n",
    # float32 whatever the input: right values, wrong dtype for float64, still differentiable
    "float32_result": "def scale(x, factor):\n    return (x * factor).float()\n",
    # float32 and rebuilt from Python numbers: the dtype is the first symptom, the detached
    # graph the bigger mistake
    "float32_detached": "import torch\n\ndef scale(x, factor):\n    return torch.tensor((x * factor).tolist())\n",
    # wrong values and a wrong dtype: no dtype-only failure, the plain rule
    "float32_and_wrong": "def scale(x, factor):\n    return (x * factor + 1).float()\n",
}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    root = tmp_path_factory.mktemp("dependency-course")
    (root / "assignments").mkdir()
    (root / "course.toml").write_text('title = "Dependencies"\nexercises = []\n')
    scaffold_exercise(root, "deps", "Scaling, with dependent checks")
    (root / "assignments" / "deps" / "checks.py").write_text(textwrap.dedent(CHECKS))
    return Course(root)


@pytest.fixture(scope="module")
def graded(course, zygote, tmp_path_factory) -> dict:
    results = {}
    for name, source in SUBMISSIONS.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / "deps.py").write_text(source)
        results[name] = grade_exercise(course, course.exercise("deps"), folder, zygote)
    return results


def by_id(result) -> dict:
    return {c.id: c for c in result.checks}


def points_under_the_plain_rule(course, result) -> float:
    """What the submission scored when every check after a failed dependency was skipped: a
    check scores when it and every check it depends on, all the way down, passed."""
    checks, specs = by_id(result), {s.id: s for s in course.exercise("deps").checks()}

    def clean(check_id: str) -> bool:
        return checks[check_id].status == "passed" and all(clean(d) for d in specs[check_id].depends)

    return sum(c.max_score for c in result.checks if clean(c.id))


def test_a_correct_solution_passes_every_check(graded):
    result = graded["correct"]
    assert all(c.status == "passed" for c in result.checks)
    assert result.score == result.max_score == 11  # the suite's 9, and the engine's two rule checks


def test_a_dtype_only_failure_is_reported_once_and_costs_what_it_always_cost(course, graded):
    checks = by_id(graded["float32_result"])
    assert checks["check_values"].status == "failed"
    assert checks["check_values"].message.startswith("scale(x in float64, 2.5) returned dtype float32, expected float64")
    # the dependents ran: the same dtype problem is folded into a skip naming the first report ...
    first = '"scale matches the reference in float32 and float64"'
    for folded in ("check_gradients", "check_large", "check_generated"):
        assert checks[folded].status == "skipped"
        assert checks[folded].message == (f"skipped: the same dtype problem as {first} "
                                          "(float32 returned where float64 is expected)"), folded
    # ... a dependent that passes says so, and scores once the dependency passes, down the chain too
    for unscored in ("check_unchanged", "check_identity"):
        assert checks[unscored].status == "skipped"
        assert checks[unscored].message.startswith("skipped: ran and passed; scored once " + first)
    assert checks["check_defined"].status == "passed"
    assert graded["float32_result"].score == points_under_the_plain_rule(course, graded["float32_result"]) == 1
    assert sum("returned dtype float32" in c.message for c in graded["float32_result"].checks) == 1


def test_a_result_cut_off_from_autograd_is_not_hidden_behind_its_dtype(course, graded):
    result = graded["float32_detached"]
    checks = by_id(result)
    assert "returned dtype float32, expected float64" in checks["check_values"].message
    gradients = checks["check_gradients"]
    assert gradients.status == "failed"
    assert gradients.message.startswith("scale(x in float64, -3.0): the result is not connected to autograd, "
                                        "so no gradient can flow back")
    assert "torch.tensor(...)" in gradients.message  # the advice says what cuts it off
    # the check after the failed gradient check is skipped as always: a real failure blocks
    assert checks["check_large"].message == 'skipped: needs "gradients of scale flow back to x" to pass first'
    assert result.score == points_under_the_plain_rule(course, result) == 1


def test_a_wrong_value_in_the_wrong_dtype_blocks_its_dependents_as_before(graded):
    checks = by_id(graded["float32_and_wrong"])
    assert "wrong values" in checks["check_values"].message
    for skipped in ("check_gradients", "check_unchanged", "check_generated"):
        assert checks[skipped].message == ('skipped: needs "scale matches the reference in float32 and float64" '
                                           "to pass first"), skipped
    assert checks["check_large"].message == 'skipped: needs "gradients of scale flow back to x" to pass first'


def test_the_real_command_reports_the_detached_graph(course, tmp_path):
    (tmp_path / "deps.py").write_text(SUBMISSIONS["float32_detached"])
    env = {k: v for k, v in os.environ.items() if k != "GRADER_COURSE"}
    done = subprocess.run([sys.executable, "-m", "grader.cli", "--course", str(course.root), "deps",
                           "--submission", str(tmp_path), "--format", "json"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    report = {c["id"]: c for c in json.loads(done.stdout)["checks"]}
    assert report["check_gradients"]["status"] == "failed"
    assert "not connected to autograd" in report["check_gradients"]["message"]
    assert report["check_gradients"]["score"] == 0


# ---------------------------------------------------------------- what counts as dtype-only


def failure(actual, expected, compare=expect_tensor) -> CheckFailure:
    with pytest.raises(CheckFailure) as raised:
        compare(actual, expected, call="f(x)")
    return raised.value


@pytest.mark.parametrize("actual, expected, dtype_only", [
    (torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0], dtype=torch.float64), True),
    (torch.tensor([1.0, 2.0], dtype=torch.float64) / 3, (torch.tensor([1.0, 2.0]) / 3), True),  # upcast
    (torch.tensor([1.0, 2.5]), torch.tensor([1.0, 2.0], dtype=torch.float64), False),  # values differ too
    (torch.tensor([1, 2]), torch.tensor([1.0, 2.0]), False),  # an int result is another kind of value
    (torch.tensor([1.0, 2.0]), torch.tensor([1, 2]), False),
])
def test_a_dtype_failure_knows_whether_the_values_were_right(actual, expected, dtype_only):
    for compare in (expect_tensor, expect_tensor_like):
        found = failure(actual, expected, lambda a, e, call: compare(a, e, call=call))
        assert found.message == (f"f(x) returned dtype {str(actual.dtype)[6:]}, expected {str(expected.dtype)[6:]}")
        assert found.dtype_only is dtype_only
        assert found.dtype_problem == ((str(actual.dtype)[6:], str(expected.dtype)[6:]) if dtype_only else None)


def test_dtype_only_survives_a_check_that_re_raises_with_the_same_actual():
    first = failure(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64))
    again = CheckFailure(first.message + " (the smallest failing input)", expected=first.expected,
                         actual=first.actual, help=first.help)
    assert again.dtype_only and again.dtype_problem == ("float32", "float64")
    assert json.dumps({"actual": first.actual}) == '{"actual": "float32"}'  # still the plain name


def test_other_failures_are_not_dtype_only():
    assert not failure(torch.zeros(2, 3), torch.zeros(3, 2)).dtype_only  # shape
    assert not failure(torch.ones(2), torch.zeros(2)).dtype_only  # values
    assert not CheckFailure("plain").dtype_only and CheckFailure("plain").dtype_problem is None

