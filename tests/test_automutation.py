"""Automatic mutants (grader/authoring/automutation.py) and their place in `grade verify` (grader/authoring/mutation.py):
each operator makes the edit it promises, ids survive unrelated edits, every mutant compiles,
and one cheap exercise's mutants go through grading with survivors, equivalents and stale
entries reported."""

from __future__ import annotations

import ast
import shutil
import textwrap

import pytest
from click.testing import CliRunner

from conftest import REPO
from grader.authoring.automutation import generate_mutants
from grader.authoring.automutation_operators import OPERATORS
from grader.cli import main
from grader.grading.course import Course, CourseError
from grader.authoring.mutation import EQUIVALENTS, load_plan, run_auto_mutation_tests, stale_entries, unjudged
from grader.core.results import CheckResult, ExerciseResult

TORCH = "import torch\nimport torch.nn.functional as F\n\n"

# (operator, source, a line one of its mutants must hold)
CASES = [
    ("arith_swap", "def f(a, b):\n    return a + b", "return a - b"),
    ("arith_swap", "def f(a, b):\n    return a * b", "return a / b"),
    ("arith_swap", "def f(a):\n    return a ** 2", "return a * 2"),
    ("arith_swap", "def f(x, W):\n    return x @ W", "return x * W"),
    ("arith_swap", "def f(t, s):\n    t *= s\n    return t", "t /= s"),
    ("compare_swap", "def f(a, b):\n    return a < b", "return a <= b"),
    ("compare_swap", "def f(a, b):\n    return a >= b", "return a > b"),
    ("compare_swap", "def f(a, b):\n    return a == b", "return a != b"),
    ("compare_swap", "def f(a, b):\n    return a in b", "return a not in b"),
    ("bool_swap", "def f(a, b):\n    return a and b", "return a or b"),
    ("drop_not", "def f(a):\n    return not a", "return a"),
    ("drop_transpose", TORCH + "def f(x, W):\n    return x @ W.T", "return x @ W"),
    ("drop_transpose", TORCH + "def f(x, W):\n    return x @ W.t()", "return x @ W"),
    ("add_transpose", TORCH + "def f(x, W):\n    return x @ W", "return x @ W.T"),
    ("add_transpose", TORCH + "def f(x, W):\n    return x @ W", "return x.T @ W"),
    ("change_dim", TORCH + "def f(x):\n    return x.sum(dim=0)", "return x.sum(dim=-1)"),
    ("change_dim", TORCH + "def f(x):\n    return x.mean(1)", "return x.mean(0)"),
    ("change_dim", TORCH + "def f(x):\n    return torch.softmax(x, -1)", "return torch.softmax(x, 0)"),
    ("flip_bool_keyword", TORCH + "def f(x):\n    return x.sum(dim=0, keepdim=True)",
     "return x.sum(dim=0, keepdim=False)"),
    ("off_by_one", "def f(n):\n    return range(10)", "return range(11)"),
    ("off_by_one", "def f(n):\n    return range(10)", "return range(9)"),
    ("off_by_one", "def f(a):\n    return a[-1]", "return a[0]"),
    ("off_by_one", "def f(a):\n    return a[-1]", "return a[-2]"),
    ("float_scale", "def f(x, lr=0.1):\n    return x * lr", "def f(x, lr=0.01):"),
    ("inplace_argument", TORCH + "def f(x, b):\n    x = x + b\n    return x", "x += b"),
    ("inplace_argument", TORCH + "def f(pred, target):\n    return (pred - target).mean()",
     "return pred.sub_(target).mean()"),
    ("inplace_method", TORCH + "def f(x):\n    return x.relu()", "return x.relu_()"),
    ("inplace_method", TORCH + "def f(x, b):\n    return torch.relu(x + b)", "return (x + b).relu_()"),
    ("inplace_method", TORCH + "def f(x):\n    return F.relu(x)", "return x.relu_()"),
    ("detach_result", TORCH + "def f(x, W):\n    return x @ W", "return (x @ W).detach()"),
    ("float_result", TORCH + "def f(d):\n    return (d ** 2).mean()", "return (d ** 2).mean().float()"),
    ("dtype_swap", TORCH + "def f(x):\n    return torch.tensor(x, dtype=torch.float64)",
     "return torch.tensor(x, dtype=torch.float32)"),
    ("drop_no_grad", TORCH + "def f(w, v):\n    with torch.no_grad():\n        w.copy_(v)\n    return w", "w.copy_(v)"),
    ("mean_sum", TORCH + "def f(d):\n    return d.abs().mean()", "return d.abs().sum()"),
    ("mean_sum", TORCH + "def f(d):\n    return torch.sum(d)", "return torch.mean(d)"),
    ("drop_abs", TORCH + "def f(p, t):\n    return (p - t).abs().mean()", "return (p - t).mean()"),
    ("drop_abs", TORCH + "def f(d):\n    return torch.abs(d)", "return d"),
    ("swap_returned", "def f(a, b):\n    return a, b", "return (b, a)"),
    ("drop_raise", "def f(n):\n    if n > 1:\n        raise ValueError(n)\n    return n", "pass"),
    ("negate_raise_condition", "def f(n):\n    if n > 1:\n        raise ValueError(n)\n    return n",
     "if not n > 1:"),
    ("drop_call", "def f(opt, out):\n    opt.zero_grad()\n    return out", "pass"),
]


def new_lines(source: str, operator: str) -> list[set[str]]:
    """For each mutant of `operator`: the lines it has that the original has not (a line that
    only moved in or out is new too), stripped."""
    original = set(ast.unparse(ast.parse(source)).splitlines())
    return [{line.strip() for line in set(m.source.splitlines()) - original}
            for m in generate_mutants(source, {operator: None}, limit=None)]


@pytest.mark.parametrize("operator, source, expected", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_operator_makes_its_edit(operator, source, expected):
    assert any(expected in lines for lines in new_lines(source, operator)), new_lines(source, operator)


def test_every_operator_is_tested():
    assert {case[0] for case in CASES} == set(OPERATORS)


def test_drop_no_grad_keeps_the_body():
    source = TORCH + "def f(w, v):\n    with torch.no_grad():\n        w.copy_(v)\n    return w"
    (mutant,) = generate_mutants(source, {"drop_no_grad": None})
    assert "no_grad" not in mutant.source and "w.copy_(v)" in mutant.source
    assert mutant.description == "line 5: `with torch.no_grad(): …` -> `(its body, without the with)`"


@pytest.mark.parametrize("source", [
    "def f(a, b):\n    if a != b:\n        raise ValueError(a)\n    return a",  # compare_swap already negates it
    "def f(a):\n    print(a)\n    return a",  # a dropped print changes nothing a check sees
])
def test_operators_leave_out_mutants_another_one_repeats_or_nothing_sees(source):
    ops = {"negate_raise_condition": None, "drop_call": None}
    assert generate_mutants(source, ops) == []


def test_an_edit_inside_an_exception_message_is_no_mutant_and_renumbers_nothing():
    """The grader judges the kind of error raised, never its words: an edit of the message is
    equivalent by nature. Its site still counts, so the mutants after it keep their ids."""
    source = "def f(t, n):\n    if t[0] != n:\n        raise ValueError(f'{t[0]} vs {n + 1}')\n    return t[1]\n"
    mutants = generate_mutants(source, limit=None)
    assert not [m for m in mutants if m.line == 3 and m.operator != "drop_raise"]
    assert [m.id for m in mutants if m.operator == "off_by_one"] == ["f:off_by_one:1", "f:off_by_one:2",
                                                                     "f:off_by_one:7", "f:off_by_one:8"]
    assert {m.operator for m in mutants} >= {"drop_raise", "compare_swap"}  # the raise itself is still tested


@pytest.mark.parametrize("returned", [
    "torch.ones(n, n, dtype=torch.bool).tril()",  # a causal mask
    "torch.tril(torch.ones(n, n)) > 0",
    "~torch.eye(n, dtype=torch.bool)",
    "torch.arange(n) + 1",  # integers, from constants alone
    "torch.ones(n, n).triu(1) * -1e9",  # a float mask, made from constants alone
    "x.argmax(dim=-1)",
])
def test_no_detach_of_a_value_without_a_graph(returned):
    source = TORCH + f"def f(x, n):\n    return {returned}\n"
    assert generate_mutants(source, {"detach_result": None}) == []


@pytest.mark.parametrize("returned", [
    "x.tril()",  # x may require grad
    "torch.ones(n, n).masked_fill(x > 0, 0.0) * x",
    "torch.where(torch.ones(n, n, dtype=torch.bool), x, 0.0)",
    "torch.ones(n, requires_grad=True) * 2",
])
def test_a_detach_of_what_may_carry_a_graph_stays_a_mutant(returned):
    source = TORCH + f"def f(x, n):\n    return {returned}\n"
    assert [m.id for m in generate_mutants(source, {"detach_result": None})] == ["f:detach_result:1"]


def test_a_local_mask_is_followed_to_where_it_was_made():
    made = TORCH + "def f(n):\n    mask = torch.ones(n, n, dtype=torch.bool)\n    return mask.tril() & mask\n"
    assert generate_mutants(made, {"detach_result": None}) == []
    rebound = TORCH + "def f(x, n):\n    mask = x > 0\n    for mask in [x]:\n        pass\n    return mask[0]\n"
    assert len(generate_mutants(rebound, {"detach_result": None})) == 1


def test_tensor_operators_need_torch():
    """Without torch, `x - b` is arithmetic on numbers: no in-place or .detach() mutants."""
    source = "def f(x, b):\n    return (x - b).mean()"
    assert generate_mutants(source, {"inplace_argument": None, "detach_result": None, "mean_sum": None}) == []


def test_ids_name_function_operator_and_occurrence():
    source = "def f(a, b):\n    return a + b - 1\n\n\ndef g(a):\n    return a + 2"
    ids = [m.id for m in generate_mutants(source, {"arith_swap": None}, limit=None)]
    assert ids == ["f:arith_swap:1", "f:arith_swap:2", "g:arith_swap:1"]


def test_description_shows_the_line_and_enough_context():
    source = "def f(a, b):\n    for i in range(1, len(a) + 1):\n        b.append(i)\n    return b"
    first = generate_mutants(source, {"off_by_one": None}, limit=None)[0]
    assert first.description == "line 2: `range(1, len(a) + 1)` -> `range(2, len(a) + 1)`"


def test_methods_are_named_by_their_class():
    source = TORCH + "class Net:\n    def forward(self, x):\n        return x.relu()"
    assert [m.id for m in generate_mutants(source, {"inplace_method": None})] == ["Net.forward:inplace_method:1"]


def test_module_level_code_is_not_mutated():
    assert generate_mutants("SHAPES = {'a': (3, 5)}\nLIMIT = 2 + 3\n") == []


def test_same_source_same_mutants():
    source = (REPO / "reference" / "ex4.py").read_text()
    first, second = generate_mutants(source), generate_mutants(source)
    assert [(m.id, m.description, m.source) for m in first] == [(m.id, m.description, m.source) for m in second]


@pytest.mark.parametrize("exercise", ["ex1", "ex3", "ex4"])
def test_ids_survive_an_unrelated_edit_above(exercise):
    source = (REPO / "reference" / f"{exercise}.py").read_text()
    header, rest = source.split("\n\n", 1)
    edited = header + "\n\nimport os\n\n\ndef helper(n):\n    return n * 2 + 1\n\n" + rest
    before = {m.id: m for m in generate_mutants(source, limit=None)}
    after = {m.id: m for m in generate_mutants(edited, limit=None) if m.function != "helper"}
    assert before.keys() == after.keys()
    for key, mutant in before.items():
        assert after[key].change == mutant.change
        assert after[key].line == mutant.line + 6


def test_ids_survive_an_unrelated_statement_in_the_same_function():
    source = "def f(a, b):\n    c = a + b\n    return c * 2"
    edited = "def f(a, b):\n    print('adding')\n    c = a + b\n    return c * 2"
    changes = {m.id: m.change for m in generate_mutants(source, limit=None)}
    assert {m.id: m.change for m in generate_mutants(edited, limit=None)} == changes


@pytest.mark.parametrize("exercise", ["ex1", "ex2", "ex3", "ex4", "ex5"])
def test_mutants_of_the_references_compile_and_differ(exercise):
    source = (REPO / "reference" / f"{exercise}.py").read_text()
    mutants = generate_mutants(source, limit=None)
    assert mutants
    sources = [m.source for m in mutants]
    assert len(set(sources)) == len(sources)
    assert ast.unparse(ast.parse(source)) + "\n" not in sources
    for mutant in mutants:
        compile(mutant.source, mutant.id, "exec")
    assert len({m.id for m in mutants}) == len(mutants)


def test_limit_takes_turns_between_operators():
    source = (REPO / "reference" / "ex1.py").read_text()
    everything = generate_mutants(source, limit=None)
    some = generate_mutants(source, limit=12)
    groups = {(m.function, m.operator) for m in everything}
    assert len(some) == 12 and {m.id for m in some} <= {m.id for m in everything}
    assert len({(m.function, m.operator) for m in some}) == min(12, len(groups))  # one of each group first


def test_operator_caps_take_the_first_in_source_order():
    source = (REPO / "reference" / "ex4.py").read_text()
    capped = generate_mutants(source, {"drop_call": 2, "off_by_one": 1})
    assert [m.id for m in capped] == ["train_converter:drop_call:1", "train_converter:drop_call:2",
                                      "train_converter:off_by_one:1"]


def test_unknown_operator_is_refused():
    with pytest.raises(ValueError, match="unknown mutation operators: swap_everything"):
        generate_mutants("def f(a):\n    return a", {"swap_everything": None})


# ---------------------------------------------------------------- the equivalents file


# reference/ex5.py as it was when these tests were written: line numbers stay put.
EX5_REFERENCE = '''"""Reference solution, Exercise 5: MSE and MAE by hand."""

import torch


def _check_shapes(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred has shape {tuple(pred.shape)} but target has shape {tuple(target.shape)}")


def mse(pred, target):
    _check_shapes(pred, target)
    return ((pred - target) ** 2).mean()


def mae(pred, target):
    _check_shapes(pred, target)
    return (pred - target).abs().mean()


MORE_OUTLIER_SENSITIVE = "mse"
'''


def ex5_course(tmp_path, equivalents: str) -> Course:
    """A course holding only ex5 (its real checks and stub, the reference above) and this
    equivalents file: mutants of three operators only, so that grading them takes seconds."""
    root = tmp_path / "course"
    shutil.copytree(REPO / "assignments" / "ex5", root / "assignments" / "ex5",
                    ignore=shutil.ignore_patterns("__pycache__", EQUIVALENTS))
    (root / "student_template").mkdir(parents=True)
    shutil.copy(REPO / "student_template" / "ex5.py", root / "student_template" / "ex5.py")
    (root / "reference").mkdir()
    (root / "reference" / "ex5.py").write_text(EX5_REFERENCE)
    (root / "course.toml").write_text('title = "ex5 alone"\n')
    plan = '[operators]\nmean_sum = 2\ndrop_abs = 1\ninplace_method = 1\n\n'
    (root / "assignments" / "ex5" / EQUIVALENTS).write_text(plan + textwrap.dedent(equivalents))
    return Course(root)


ABS_INPLACE = """
    [[equivalent]]
    id = "mae:inplace_method:1"
    description = "line 18: `(pred - target).abs()` -> `(pred - target).abs_()`"
    reason = "abs_ overwrites only a temporary"
"""


def test_automatic_mutants_of_ex5_end_to_end(tmp_path, zygote):
    stale = """
    [[equivalent]]
    id = "mse:mean_sum:1"
    description = "line 13: `((pred - target) ** 2).mean()` -> `((pred - target) ** 2).sum()`"
    reason = "wrongly listed: the checks kill it"

    [[equivalent]]
    id = "mse:gone:1"
    description = "line 1: `a` -> `b`"
    reason = "an operator that no longer exists"
    """
    course = ex5_course(tmp_path, ABS_INPLACE + stale)
    (row,) = run_auto_mutation_tests(course, zygote, course.exercises)
    assert (row.mutants, row.killed, row.equivalent, row.survivors, row.problems) == (4, 3, 1, [], [])
    assert len(row.stale) == 2 and row.failed
    assert row.stale[0].startswith("stale: mse:mean_sum:1 is killed now")
    assert row.stale[1].startswith("stale: mse:gone:1 is no longer generated")
    assert row.seconds > 0


def test_a_survivor_not_in_the_file_fails(tmp_path, zygote):
    course = ex5_course(tmp_path, "")
    (row,) = run_auto_mutation_tests(course, zygote, course.exercises)
    assert [m.id for m in row.survivors] == ["mae:inplace_method:1"] and row.failed
    assert row.stale == []


def test_grade_verify_prints_both_scores(tmp_path, monkeypatch):
    course = ex5_course(tmp_path, ABS_INPLACE)
    monkeypatch.setenv("GRADER_COURSE", str(course.root))
    result = CliRunner().invoke(main, ["verify", "--no-attacks"], catch_exceptions=False)
    assert "catalog mutation score: 100%" in result.output
    said = " ".join(result.output.split())  # its lines are fitted to the terminal
    assert "automatic mutation score: 100% (3 killed, 1 justified as equivalent, 0 survived, of 4)" in said
    assert result.exit_code == 0, result.output
    skipped = CliRunner().invoke(main, ["verify", "--no-auto-mutants"], catch_exceptions=False)
    assert "catalog mutation score: 100%" in skipped.output and "automatic mutation score" not in skipped.output


def test_an_entry_naming_another_edit_is_stale(tmp_path):
    course = ex5_course(tmp_path, ABS_INPLACE.replace("abs_()", "abs().clone()"))
    plan = load_plan(course.exercise("ex5"))
    mutants = generate_mutants((course.reference_dir / "ex5.py").read_text(), plan.operators)
    (line,) = stale_entries(plan, mutants, killed=set())
    assert line.startswith("stale: mae:inplace_method:1 is now line 18: `(pred - target).abs()` -> "
                           "`(pred - target).abs_()`, not")


@pytest.mark.parametrize("text, message", [
    ('[operators]\nswap_everything = 1\n', "unknown mutation operators swap_everything"),
    ('[[equivalent]]\nid = "mse:mean_sum:1"\ndescription = "x"\n', "needs id, description and reason"),
    ('max_mutant = 3\n', "unknown keys max_mutant"),
])
def test_a_malformed_file_is_a_course_error(tmp_path, text, message):
    course = ex5_course(tmp_path, "")
    (course.exercise("ex5").folder / EQUIVALENTS).write_text(text)
    with pytest.raises(CourseError, match=message):
        load_plan(course.exercise("ex5"))


def test_a_check_that_breaks_kills_nothing():
    """A grader bug costs the mutant points too: it is reported, not counted as a kill."""
    broken = CheckResult("check_x", "x", "value", 2, "error", "internal error in this check: KeyError: 1\nmore",
                         internal=True)
    fine = CheckResult("check_y", "y", "value", 1, "passed")
    result = ExerciseResult(exercise="ex5", title="t", file="ex5.py", checks=[fine, broken])
    assert unjudged(result, "mse:mean_sum:1") == ("'x' broke on mse:mean_sum:1 (a grader bug, not a kill): "
                                                  "internal error in this check: KeyError: 1")
    assert unjudged(ExerciseResult(exercise="ex5", title="t", file="ex5.py", checks=[fine]), "m") is None
