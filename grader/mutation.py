"""Mutation testing of the check suites: every catalog misconception must be caught and named.

A mutant is the reference solution with one contract function replaced by a catalog entry.
The check suite kills it when it loses points; it is named when the feedback says which
misconception it is. A mutant that survives is a hole in the check suite: fix the suite.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import Course, Exercise
from grader.launcher import Zygote
from grader.misconceptions import Misconception
from grader.runner import grade_exercise

PRELUDE = "import math\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"


@dataclass
class MutationRow:
    exercise: str
    mutants: int = 0
    killed: int = 0
    named: int = 0
    problems: list[str] = field(default_factory=list)


def mutant_source(course: Course, exercise: Exercise, entry: Misconception) -> str:
    reference = (course.reference_dir / exercise.filename).read_text()
    return f"{PRELUDE}{reference}\n\n# mutant: {entry.name}\n{entry.source}\n"


def run_mutation_tests(course: Course, zygote: Zygote, exercises: list[Exercise]) -> list[MutationRow]:
    rows = []
    for exercise in exercises:
        row = MutationRow(exercise.name)
        for entry in exercise.catalog():
            row.mutants += 1
            with tempfile.TemporaryDirectory(prefix="grader-mutant-") as folder:
                (Path(folder) / exercise.filename).write_text(mutant_source(course, exercise, entry))
                result = grade_exercise(course, exercise, Path(folder), zygote)
            feedback = "\n".join([result.error or ""] + [c.message for c in result.checks])
            if result.score < result.max_score:
                row.killed += 1
            else:
                row.problems.append(f"survived: {entry.name}")
                continue
            expected = entry.feedback_contains or entry.name
            if expected in feedback:
                row.named += 1
            else:
                row.problems.append(f"not named: {entry.name}")
        rows.append(row)
    return rows
