"""Grading one exercise of one submission: read, load in a worker, run the checks."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from grader.course import Course, Exercise
from grader.launcher import Zygote
from grader.outcomes import LoadFailed
from grader.plugin import GradingPlugin
from grader.results import CheckResult, ExerciseResult
from grader.sandbox import Limits
from grader.session import StudentSession
from grader.submission import BadSubmission, read_submission

PYTEST_INI = Path(__file__).with_name("checks_pytest.ini")


class SuiteError(Exception):
    """A check suite that cannot be collected: the course is broken, not the submission."""


def grade_exercise(course: Course, exercise: Exercise, folder: Path, zygote: Zygote,
                   limits: Limits = Limits(), reference=None) -> ExerciseResult:
    started = time.monotonic()
    deadline = started + exercise.time_limit
    folder = Path(folder)
    session = source = load_error = None
    try:
        submission, source = read_submission(folder, exercise.filename)
    except BadSubmission as exc:
        load_error = str(exc)
    else:
        session = StudentSession(zygote, submission, limits, exercise.check_time_limit)
        try:
            session.start(min(exercise.check_time_limit, exercise.time_limit))
        except LoadFailed as exc:
            load_error = str(exc)
    plugin = GradingPlugin(session=session, reference=reference or course.reference(exercise), source=source,
                           load_error=load_error, check_time_limit=exercise.check_time_limit,
                           exercise_deadline=deadline, exercise_time_limit=exercise.time_limit,
                           catalog=exercise.catalog() if session is not None else [])
    try:
        _run_pytest(exercise, plugin)
    finally:
        output = ""
        if session is not None:
            session.close()
            output = session.captured_output()
    if plugin.collection_errors:
        raise SuiteError(f"{exercise.checks_path}: " + "; ".join(plugin.collection_errors))
    graded_file = session.submission.filename if session else exercise.filename
    return ExerciseResult(exercise=exercise.name, title=exercise.title, file=str(folder / graded_file),
                          notes=list(session.submission.notes) if session else [],
                          checks=plugin.ordered_results(), error=load_error, output=output,
                          seconds=time.monotonic() - started,
                          check_seconds=plugin.check_seconds, sandbox=session.sandbox if session else [])


# Built-in plugins a check run does not use; unraisableexception and threadexception alone
# cost ~0.2 s per run in gc.collect().
_UNUSED_PLUGINS = ("cacheprovider", "terminal", "stepwise", "unraisableexception", "threadexception",
                   "logging", "doctest", "junitxml", "pastebin", "legacypath", "warnings", "faulthandler")


def _forget_other_checks(exercise: Exercise) -> None:
    """pytest's importlib mode reuses a module of the same name from sys.modules: drop any
    `checks` module that is not this exercise's file, or every exercise would run the first
    exercise's checks."""
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and name.split(".")[-1] == "checks" and Path(path).name == "checks.py" \
                and Path(path).resolve() != exercise.checks_path.resolve():
            del sys.modules[name]


def _run_pytest(exercise: Exercise, plugin: GradingPlugin) -> None:
    _forget_other_checks(exercise)
    args = [str(exercise.checks_path), "-c", str(PYTEST_INI), "--rootdir", str(exercise.folder.parent),
            "--import-mode=importlib", "--capture=no"]
    for name in _UNUSED_PLUGINS:
        args += ["-p", f"no:{name}"]
    if threading.current_thread() is threading.main_thread():
        # Backstop for a check that hangs in the grader's own code (a bug in the check).
        args += ["-o", f"timeout={exercise.time_limit + 60:g}", "-o", "timeout_method=signal"]
    else:
        args += ["-p", "no:timeout"]
    code = pytest.main(args, plugins=[plugin])
    if code == pytest.ExitCode.INTERRUPTED and not plugin.collection_errors:
        raise KeyboardInterrupt  # pytest swallows Ctrl-C; the batch must still stop cleanly
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED) \
            or not plugin.specs:
        plugin.collection_errors.append(f"pytest could not run the checks (exit code {int(code)})")


def ungraded(exercise: Exercise, file: str, reason: str, status: str) -> ExerciseResult:
    """The result of an exercise that could not be graded at all: every check at zero."""
    checks = [CheckResult(spec.id, spec.name, spec.kind, spec.points, status, f"not run: {reason}", spec.hidden)
              for spec in exercise.checks()]
    return ExerciseResult(exercise=exercise.name, title=exercise.title, file=file, checks=checks, error=reason)


def grade_submission(course: Course, exercises: list[Exercise], folder: Path, zygote: Zygote,
                     limits: Limits = Limits()) -> list[ExerciseResult]:
    return [grade_exercise(course, exercise, folder, zygote, limits) for exercise in exercises]


__all__ = ["grade_exercise", "grade_submission", "ungraded", "SuiteError"]
