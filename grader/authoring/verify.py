"""`grade verify`: prove the course is consistent before students see it.

First the files must agree: exercise.toml's `functions` names what the stub and the reference
define (contract_names.py; when it does not, the exercise is not graded: every verdict would
be about the wrong names), and a stub generated from the reference's solution markers must be
the stub file (stubgen.py). Then every reference solution must earn full marks, every untouched
stub must earn zero with no grader error, and grading twice must give identical verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.authoring.contract_names import contract_problem
from grader.authoring.stubgen import MarkerError, stub_drift
from grader.grading.course import Course
from grader.remote.launcher import Zygote
from grader.core.results import ExerciseResult, Status
from grader.grading.runner import grade_exercise


@dataclass
class VerifyRow:
    exercise: str
    reference: str
    template: str
    deterministic: bool
    problems: list[str] = field(default_factory=list)
    graded: bool = True  # False when its files disagree with exercise.toml: mutation testing skips it too


def _problems_reference(result: ExerciseResult) -> list[str]:
    problems = []
    if result.error:
        problems.append(f"reference: {result.error}")
    for c in result.checks:
        if c.status != Status.PASSED:
            problems.append(f"reference fails '{c.name}': {c.message.splitlines()[0] if c.message else c.status}")
    if not result.checks:
        problems.append("no checks collected")
    return problems


def _problems_template(result: ExerciseResult) -> list[str]:
    problems = []
    if result.error:
        problems.append(f"template: {result.error}")
    if result.score != 0:
        earned = [c.name for c in result.checks if c.score]
        problems.append(f"the stub earns points on: {', '.join(earned)}")
    for c in result.checks:
        if c.status in (Status.ERROR, Status.TIMEOUT):
            problems.append(f"stub gets {c.status} on '{c.name}': {c.message}")
    return problems


def verify_course(course: Course, zygote: Zygote, exercises=None) -> list[VerifyRow]:
    rows = []
    for exercise in exercises or course.exercises:
        try:
            mismatch, drift = contract_problem(course, exercise), stub_drift(course, exercise)
        except MarkerError as exc:  # the reference's solution markers make no stub
            mismatch, drift = str(exc), None
        if mismatch:
            rows.append(VerifyRow(exercise.name, "-", "-", True, [mismatch], graded=False))
            continue
        runs = [(grade_exercise(course, exercise, course.reference_dir, zygote),
                 grade_exercise(course, exercise, course.template_dir, zygote)) for _ in range(2)]
        (ref, tpl), (ref2, tpl2) = runs
        deterministic = ref.verdict_key() == ref2.verdict_key() and tpl.verdict_key() == tpl2.verdict_key()
        problems = ([drift] if drift else []) + _problems_reference(ref) + _problems_template(tpl)
        if not deterministic:
            problems.append("two runs gave different verdicts")
        rows.append(VerifyRow(exercise.name, f"{ref.score:g}/{ref.max_score:g}", f"{tpl.score:g}/{tpl.max_score:g}",
                              deterministic, problems))
    return rows
