"""Grading one exercise of one submission: read, load in a worker, run the checks."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from grader.course import Course, Exercise
from grader.launcher import Zygote
from grader.outcomes import LoadFailed
from grader.plugin import ExerciseRun, GradingPlugin
from grader.results import CheckResult, ExerciseResult
from grader.sandbox import Limits
from grader.session import StudentSession
from grader.submission import BadSubmission, read_submission

PYTEST_INI = Path(__file__).with_name("checks_pytest.ini")


class SuiteError(Exception):
    """A check suite that cannot be collected: the course is broken, not the submission."""


def grade_exercise(course: Course, exercise: Exercise, folder: Path, zygote: Zygote,
                   limits: Limits = Limits(), reference=None) -> ExerciseResult:
    return grade_exercises(course, [exercise], folder, zygote, limits, reference)[0]


def grade_exercises(course: Course, exercises: list[Exercise], folder: Path, zygote: Zygote,
                    limits: Limits = Limits(), reference=None) -> list[ExerciseResult]:
    """Grade several exercises of one submission in one pytest session (one start-up)."""
    folder = Path(folder)
    runs = {}
    for exercise in exercises:
        runs[exercise.name] = ExerciseRun(reference=reference or course.reference(exercise),
                                          check_time_limit=exercise.check_time_limit,
                                          exercise_time_limit=exercise.time_limit,
                                          start=_loader(exercise, folder, zygote, limits))
    plugin = GradingPlugin(runs)
    try:
        _run_pytest(exercises, plugin)
    finally:
        for run in runs.values():
            run.finish()
    errors = plugin.collection_errors + [e for run in runs.values() for e in run.collection_errors]
    if errors:
        raise SuiteError(", ".join(str(e.checks_path) for e in exercises) + ": " + "; ".join(errors))
    results = []
    for exercise in exercises:
        run = runs[exercise.name]
        if not run.started:  # no check ran (an empty suite): still say why the file was not graded
            run.begin()
            run.finish()
        session = run.session
        graded_file = session.submission.filename if session else exercise.filename
        results.append(ExerciseResult(
            exercise=exercise.name, title=exercise.title, file=str(folder / graded_file),
            notes=list(session.submission.notes) if session else [], checks=run.ordered_results(),
            error=run.load_error, output=run.output, seconds=run.finished - run.started,
            check_seconds=run.check_seconds, sandbox=session.sandbox if session else []))
    return results


def _loader(exercise: Exercise, folder: Path, zygote: Zygote, limits: Limits):
    """What an exercise does at its first check: read the file, start its worker, load it."""

    def start(run: ExerciseRun) -> None:
        try:
            submission, run.source = read_submission(folder, exercise.filename)
        except BadSubmission as exc:
            run.load_error = str(exc)
            return
        run.session = StudentSession(zygote, submission, limits, exercise.check_time_limit)
        try:
            run.session.start(min(exercise.check_time_limit, exercise.time_limit))
        except LoadFailed as exc:
            run.load_error = str(exc)
            return
        run.catalog = exercise.catalog()

    return start


# Built-in plugins a check run does not use; unraisableexception and threadexception alone
# cost ~0.2 s per run in gc.collect().
_UNUSED_PLUGINS = ("cacheprovider", "terminal", "stepwise", "unraisableexception", "threadexception",
                   "logging", "doctest", "junitxml", "pastebin", "legacypath", "warnings", "faulthandler")


def _forget_other_checks(exercises: list[Exercise]) -> None:
    """pytest's importlib mode reuses a module of the same name from sys.modules: drop any
    `checks` module that is not this exercise's file, or every exercise would run the first
    exercise's checks."""
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and name.split(".")[-1] == "checks" and Path(path).name == "checks.py" \
                and Path(path).resolve() not in {e.checks_path.resolve() for e in exercises}:
            del sys.modules[name]


def _run_pytest(exercises: list[Exercise], plugin: GradingPlugin) -> None:
    _forget_other_checks(exercises)
    budget = sum(e.time_limit for e in exercises)
    args = [*(str(e.checks_path) for e in exercises), "-c", str(PYTEST_INI),
            "--rootdir", str(exercises[0].folder.parent),
            "--import-mode=importlib", "--capture=no"]
    for name in _UNUSED_PLUGINS:
        args += ["-p", f"no:{name}"]
    if threading.current_thread() is threading.main_thread():
        # Backstop for a check that hangs in the grader's own code (a bug in the check).
        args += ["-o", f"timeout={budget + 60:g}", "-o", "timeout_method=signal"]
    else:
        args += ["-p", "no:timeout"]
    code = pytest.main(args, plugins=[plugin])
    if code == pytest.ExitCode.INTERRUPTED and not plugin.collection_errors:
        raise KeyboardInterrupt  # pytest swallows Ctrl-C; the batch must still stop cleanly
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED) \
            or not any(run.specs for run in plugin.runs.values()):
        plugin.collection_errors.append(f"pytest could not run the checks (exit code {int(code)})")


def ungraded(exercise: Exercise, file: str, reason: str, status: str) -> ExerciseResult:
    """The result of an exercise that could not be graded at all: every check at zero."""
    checks = [CheckResult(spec.id, spec.name, spec.kind, spec.points, status, f"not run: {reason}", spec.hidden)
              for spec in exercise.checks()]
    return ExerciseResult(exercise=exercise.name, title=exercise.title, file=file, checks=checks, error=reason)


__all__ = ["grade_exercise", "grade_exercises", "ungraded", "SuiteError"]
