"""Grading submissions: read each file, load it in a worker, run the check suites under pytest."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Callable, Iterable

import pytest

from grader.core.contract import load_rules
from grader.grading.course import Course, Exercise
from grader.remote.launcher import Zygote
from grader.core.outcomes import LoadFailed
from grader.grading.plugin import ExerciseRun, GradingPlugin
from grader.properties import use_secret
from grader.core.results import CheckResult, ExerciseResult, Status
from grader.remote.sandbox import Limits
from grader.core.session import StudentSession
from grader.core.submission import BadSubmission, read_submission

PYTEST_INI = Path(__file__).with_name("checks_pytest.ini")


class SuiteError(Exception):
    """A check suite that cannot be collected: the course is broken, not the submission."""


def grade_exercise(course: Course, exercise: Exercise, folder: Path, zygote: Zygote,
                   limits: Limits = Limits(), reference=None) -> ExerciseResult:
    return grade_exercises(course, [exercise], folder, zygote, limits, reference)[0]


def grade_exercises(course: Course, exercises: list[Exercise], folder: Path, zygote: Zygote,
                    limits: Limits = Limits(), reference=None) -> list[ExerciseResult]:
    """Grade several exercises of one submission in one pytest session (one start-up)."""
    graded = []
    grade_submissions(course, exercises, [(folder, folder)], zygote, lambda _, results: graded.append(results),
                      limits, reference)
    if isinstance(graded[0], SuiteError):
        raise graded[0]
    return graded[0]


def grade_submissions(course: Course, exercises: list[Exercise], jobs: Iterable[tuple[object, Path]],
                      zygote: Zygote, deliver: Callable[[object, list[ExerciseResult] | SuiteError], None],
                      limits: Limits = Limits(), reference=None) -> None:
    """Grade every (key, folder) that `jobs` yields, in one pytest session: the check suites
    are collected once, whatever the number of submissions. After each, `deliver(key,
    results)` gets the results, or a SuiteError when the check suites cannot run."""
    jobs = iter(jobs)

    def make_runs(job) -> dict:
        return {exercise.name: ExerciseRun(reference=reference or course.reference(exercise),
                                           check_time_limit=exercise.check_time_limit,
                                           exercise_time_limit=exercise.time_limit,
                                           start=_loader(exercise, Path(job[1]), zygote, limits))
                for exercise in exercises}

    def on_graded(job, runs: dict, errors: list[str]) -> None:
        for run in runs.values():
            run.finish()
        if errors:
            deliver(job[0], _suite_error(exercises, errors))
        else:
            deliver(job[0], [_result(exercise, Path(job[1]), runs[exercise.name]) for exercise in exercises])

    use_secret(exercises[0].drawing_secret() if exercises else None)  # the instructor's property inputs (properties.py)
    plugin = GradingPlugin(jobs, make_runs, on_graded)
    try:
        code = _run_pytest(exercises, plugin)
    finally:
        for run in plugin.runs.values():
            run.finish()
    if code == pytest.ExitCode.INTERRUPTED and not plugin.collection_errors:
        raise KeyboardInterrupt  # pytest swallows Ctrl-C; the batch must still stop cleanly
    # pytest stopped before or while grading (a usage or internal error): settle every job left.
    problem = _suite_error(exercises, plugin.collection_errors + [f"pytest could not run the checks "
                                                                  f"(exit code {int(code)})"])
    if plugin.job is not None:
        deliver(plugin.job[0], problem)
    for key, _folder in jobs:
        deliver(key, problem)


def _suite_error(exercises: list[Exercise], errors: list[str]) -> SuiteError:
    return SuiteError(", ".join(str(e.checks_path) for e in exercises) + ": " + "; ".join(errors))


def _result(exercise: Exercise, folder: Path, run: ExerciseRun) -> ExerciseResult:
    if not run.started:  # no check ran (an empty suite): still say why the file was not graded
        run.begin()
        run.finish()
    session = run.session
    graded_file = session.submission.filename if session else exercise.filename
    return ExerciseResult(
        exercise=exercise.name, title=exercise.title, file=str(folder / graded_file),
        notes=list(session.submission.notes) if session else [], checks=run.ordered_results(),
        error=run.load_error, missing=run.missing, output=run.output, seconds=run.finished - run.started,
        check_seconds=run.check_seconds, sandbox=session.sandbox if session else [],
        integrity=[{"event": event, "where": where} for event, where in session.integrity] if session else [])


def _loader(exercise: Exercise, folder: Path, zygote: Zygote, limits: Limits):
    """What an exercise does at its first check: read the file, start its worker, load it."""

    def start(run: ExerciseRun) -> None:
        try:
            submission, run.source = read_submission(folder, exercise.filename)
        except BadSubmission as exc:
            run.load_error, run.missing = str(exc), exc.missing
            return
        rules = load_rules(exercise.folder)
        run.session = StudentSession(zygote, submission, limits, exercise.check_time_limit, exercise.watch,
                                     rules.to_wire() if rules is not None else None)
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
                   "logging", "doctest", "junitxml", "pastebin", "legacypath", "warnings", "faulthandler",
                   "hypothesispytest")  # Hypothesis's own plugin: property checks call Hypothesis directly


def _forget_other_checks(exercises: list[Exercise]) -> None:
    """pytest's importlib mode reuses a module of the same name from sys.modules: drop any
    `checks` module that is not this exercise's file, or every exercise would run the first
    exercise's checks."""
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and name.split(".")[-1] == "checks" and Path(path).name == "checks.py" \
                and Path(path).resolve() not in {e.checks_path.resolve() for e in exercises}:
            del sys.modules[name]


def _run_pytest(exercises: list[Exercise], plugin: GradingPlugin) -> pytest.ExitCode:
    _forget_other_checks(exercises)
    budget = sum(e.time_limit for e in exercises)
    args = [*(str(e.checks_path) for e in exercises), "-c", str(PYTEST_INI),
            "--rootdir", str(exercises[0].folder.parent),
            "--import-mode=importlib", "--capture=no",
            "--assert=plain"]  # checks raise CheckFailure; rewriting every plugin module costs ~0.6 s
    for name in _UNUSED_PLUGINS:
        args += ["-p", f"no:{name}"]
    if threading.current_thread() is threading.main_thread():
        # Backstop for a check that hangs in the grader's own code (a bug in the check).
        args += ["-o", f"timeout={budget + 60:g}", "-o", "timeout_method=signal"]
    else:
        args += ["-p", "no:timeout"]
    return pytest.main(args, plugins=[plugin])


def ungraded(exercise: Exercise, file: str, reason: str, status: Status) -> ExerciseResult:
    """The result of an exercise that could not be graded at all: every check at zero."""
    checks = [CheckResult(spec.id, spec.name, spec.kind, spec.points, status, f"not run: {reason}", spec.hidden)
              for spec in exercise.checks()]
    return ExerciseResult(exercise=exercise.name, title=exercise.title, file=file, checks=checks, error=reason)


__all__ = ["grade_exercise", "grade_exercises", "grade_submissions", "ungraded", "SuiteError"]
