"""Attack-class mutants (grader/authoring/attacks.py): each class really misbehaves the way it says, only
where it says, and `grade verify` holds an exercise's checks against them like automatic mutants."""

from __future__ import annotations

import shutil
import textwrap

import pytest
import torch
from click.testing import CliRunner

from conftest import REPO
from grader.authoring.attacks import CLASSES, generate_attack_mutants
from grader.cli import main
from grader.grading.course import Course
from grader.authoring.mutation import EQUIVALENTS, judge_attack_mutants

EX5 = (REPO / "reference" / "ex5.py").read_text()
EX4 = (REPO / "reference" / "ex4.py").read_text()
SEEN = {"mse": {"tensor", "floating", "matrix", "two_tensors", "grad_result"}}


def mutants_of(source: str, function: str, seen=None, training=()):
    return {m.id: m for m in generate_attack_mutants(source, [function], seen, training)}


def load(mutant) -> dict:
    namespace: dict = {}
    exec(compile(mutant.source, mutant.id, "exec"), namespace)
    return namespace


def test_generation_is_deterministic_and_follows_what_the_checks_pass():
    first, again = mutants_of(EX5, "mse", SEEN), mutants_of(EX5, "mse", SEEN)
    assert list(first) == list(again) and all(first[k].source == again[k].source for k in first)
    assert "mse:numel_above:1024" in first and "mse:batch_above:64" in first
    assert not any(":int_above:" in k or ":float_above:" in k for k in first)  # mse is never given numbers
    assert not any(m.attack == "accumulate" for m in first.values())  # it returns no list
    assert {m.attack for m in first.values()} <= set(CLASSES)
    unknown = mutants_of(EX5, "mse")  # nothing known of its calls: every class that can apply
    assert any(":int_above:" in k for k in unknown)


@pytest.mark.parametrize("mutant_id, harmless, harmful", [
    ("mse:numel_above:1024", (torch.randn(32, 32),) * 2, (torch.randn(33, 32), torch.randn(33, 32))),
    ("mse:batch_above:64", (torch.randn(64, 3), torch.randn(64, 3)), (torch.randn(65, 3), torch.randn(65, 3))),
    ("mse:magnitude_above:100", (torch.full((3,), 99.0), torch.zeros(3) + 1), (torch.full((3,), 101.0), torch.ones(3))),
    ("mse:exact_zero:0", (torch.ones(3), torch.full((3,), 2.0)), (torch.tensor([0.0, 1.0]), torch.ones(2))),
    ("mse:tiny_values:1e-30", (torch.ones(3), torch.ones(3) * 2), (torch.tensor([1e-35, 1.0], dtype=torch.float64),
                                                                   torch.ones(2, dtype=torch.float64))),
    ("mse:noncontiguous:0", (torch.randn(3, 4), torch.randn(3, 4)), (torch.randn(4, 3).T, torch.randn(3, 4))),
    ("mse:same_rank_mismatch:0", (torch.randn(3, 4), torch.randn(3, 4)), (torch.randn(3, 4), torch.randn(3, 1))),
])
def test_a_threshold_mutant_is_right_below_and_wrong_past_its_threshold(mutant_id, harmless, harmful):
    mutant = mutants_of(EX5, "mse", SEEN)[mutant_id]
    mse, reference = load(mutant)["mse"], load_reference(EX5)["mse"]
    assert torch.equal(mse(*harmless), reference(*harmless))
    try:
        expected = reference(*harmful)
    except ValueError:  # where the reference raises, the mutant does not
        assert mse(*harmful) is None
    else:
        assert not torch.allclose(mse(*harmful), expected, rtol=1e-3)


def load_reference(source: str) -> dict:
    namespace: dict = {}
    exec(source, namespace)
    return namespace


def test_wrapper_mutants_do_what_they_say():
    mutants = mutants_of(EX5, "mse", SEEN)
    pred, target = torch.randn(4), torch.randn(4)
    load(mutants["mse:requires_grad_on:1"])["mse"](pred, target)
    assert pred.requires_grad
    x = torch.tensor([-0.0, 1.0])
    load(mutants["mse:add_zero:1"])["mse"](x, torch.ones(2))
    assert x._version == 1 and not torch.signbit(x[0])
    cached = load(mutants["mse:id_cache:1"])["mse"]
    a, b = torch.zeros(2), torch.ones(2)
    first = cached(a, b)
    a += 1  # same objects, new values: a memo keyed on id() answers the old result
    assert torch.equal(cached(a, b), first)
    try:
        load(mutants["mse:leave_grad_off:1"])["mse"](a, b)
        assert not torch.is_grad_enabled()
    finally:
        torch.set_grad_enabled(True)
    assert load(mutants["mse:dtype_flip:1"])["mse"](a.double(), b.double()).dtype == torch.float32
    counted = load(mutants["mse:called_more_than:3"])["mse"]
    values = [float(counted(a, b)) for _ in range(5)]
    assert values[:3] == [values[0]] * 3 and values[3] != values[0]
    p = torch.randn(3, requires_grad=True)
    ones = load(mutants["mse:upstream_ones:1"])["mse"](p, torch.zeros(3))
    (ones * 3).backward()
    assert torch.allclose(p.grad, 2 * p.detach() / 3)  # the upstream 3 was dropped


EX9 = (REPO / "reference" / "ex9.py").read_text()
EX7 = (REPO / "reference" / "ex7.py").read_text()


def test_a_models_parameters_are_what_a_threshold_sees():
    """count_parameters takes only a model: a threshold on sizes or values looks at its
    parameters, so "wrong only on large models" is a mutant the checks must kill."""
    mutants = mutants_of(EX9, "count_parameters")
    count = load(mutants["count_parameters:numel_above:8192"])["count_parameters"]
    assert count(torch.nn.Linear(3, 4)) == 16
    assert count(torch.nn.Linear(40, 300)) != 40 * 300 + 300  # 12000 weights: past the threshold
    small = torch.nn.Linear(3, 4)
    with torch.no_grad():
        small.bias.zero_()
    assert load(mutants["count_parameters:exact_zero:0"])["count_parameters"](small) != 16
    # the same-rank class compares the arguments' own tensors, never a model's parameters
    bias_free = torch.nn.Sequential(torch.nn.Linear(3, 4, bias=False), torch.nn.Linear(4, 2, bias=False))
    assert load(mutants["count_parameters:same_rank_mismatch:0"])["count_parameters"](bias_free) == 20


def test_a_dtype_flip_reaches_dicts_and_models():
    flipped = load(mutants_of(EX7, "backward_by_hand")["backward_by_hand:dtype_flip:1"])["backward_by_hand"]
    args = [torch.randn(2, 3), torch.randn(4, 3), torch.randn(4), torch.randn(4, 1), torch.randn(1), torch.ones(2, 1)]
    assert {g.dtype for g in flipped(*args).values()} == {torch.float64}
    ex3 = (REPO / "reference" / "ex3.py").read_text()
    build = load(mutants_of(ex3, "build_model")["build_model:dtype_flip:1"])["build_model"]
    model = build(torch.randn(4, 3), torch.randn(4), torch.randn(4, 1), torch.randn(1))
    assert {p.dtype for p in model.parameters()} == {torch.float64}


def test_training_loops_get_process_mutants():
    mutants = mutants_of(EX4, "train_converter", None, training=["train_converter"])
    assert {"train_converter:skip_zero_grad:1", "train_converter:lr_decay:1", "train_converter:clip_grad:1",
            "train_converter:reseed:1"} <= set(mutants)
    assert "train_converter:adam_eps:1" not in mutants  # the reference uses SGD
    assert "_attack_tick(_attack_steps) % 37 != 0" in mutants["train_converter:skip_zero_grad:1"].source
    for mutant in mutants.values():
        compile(mutant.source, mutant.id, "exec")


# A small suite of its own (ex5's grows to meet the attacks): one check on one 10 x 10
# contiguous pair, so that what it kills and what survives is known here.
SMALL_SUITE = """
import torch
from grader.checks import check, expect_tensor


@check("mse and mae on one 10 x 10 pair", kind="value", points=1)
def check_small(student, reference):
    generator = torch.Generator().manual_seed(0)
    pred, target = torch.randn(10, 10, generator=generator), torch.randn(10, 10, generator=generator)
    for name in ("mse", "mae"):
        expect_tensor(getattr(student, name)(pred, target), getattr(reference, name)(pred, target), call=name)
"""


def ex5_course(tmp_path, plan: str) -> Course:
    root = tmp_path / "course"
    (root / "assignments" / "ex5").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "ex5" / "exercise.toml", root / "assignments" / "ex5" / "exercise.toml")
    (root / "assignments" / "ex5" / "checks.py").write_text(SMALL_SUITE)
    for folder in ("student_template", "reference"):
        (root / folder).mkdir()
        shutil.copy(REPO / folder / "ex5.py", root / folder / "ex5.py")
    (root / "course.toml").write_text('title = "ex5 alone"\n')
    (root / "assignments" / "ex5" / EQUIVALENTS).write_text(textwrap.dedent(plan))
    return Course(root)


def test_grade_verify_judges_attack_mutants_against_the_equivalents_file(tmp_path, zygote, monkeypatch):
    course = ex5_course(tmp_path, """
        operators = []
        attacks = ["numel_above", "noncontiguous"]

        [[equivalent]]
        id = "mse:numel_above:1024"
        description = "mse is wrong only when a tensor argument has more than 1024 elements"
        reason = "for this test: listed as if it were equivalent"

        [[equivalent]]
        id = "mse:numel_above:64"
        description = "mse is wrong only when a tensor argument has more than 64 elements"
        reason = "wrongly listed: the check passes 100 elements"

        [[known_hole]]
        id = "mae:numel_above:8192"
        description = "mae is wrong only when a tensor argument has more than 8192 elements"
        reason = "for this test: a hole known and reported, not failing verify"
    """)
    row = judge_attack_mutants(course, zygote, course.exercise("ex5"))
    assert row.mutants == 8 and row.equivalent == 1 and row.known_holes == ["mae:numel_above:8192"]
    assert any(line.startswith("stale: mse:numel_above:64 is killed now") for line in row.stale)
    survivors = {m.id for m in row.survivors}
    assert "mae:numel_above:1024" in survivors and "mae:numel_above:8192" not in survivors
    # The engine's own rules replay every first call on non-contiguous views: no suite needs to.
    assert not survivors & {"mse:noncontiguous:0", "mae:noncontiguous:0"}
    monkeypatch.setenv("GRADER_COURSE", str(course.root))
    result = CliRunner().invoke(main, ["verify", "--no-auto-mutants"], catch_exceptions=False)
    assert "attack-class mutation score:" in result.output
    assert '[[equivalent]]\nid = "mae:numel_above:1024"\n' in result.output  # the survivor's block, to paste
    assert "1 known holes" in " ".join(result.output.split())  # its lines are fitted to the terminal
    assert result.exit_code == 1
