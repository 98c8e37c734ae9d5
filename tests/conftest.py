"""Shared fixtures: one zygote for the whole test session, and a `grade` helper that
grades a real submission file through the same path the CLI uses."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

# Every grader the tests start (in-process, in subprocesses and slots, which inherit TMPDIR)
# uses this session's own temporary folder: a test that looks for leftovers sees only its own
# files, whatever else runs on the machine (another `grade batch`, another test session).
SESSION_TEMPORARY = tempfile.mkdtemp(prefix="grader-tests-")
os.environ["TMPDIR"] = SESSION_TEMPORARY
tempfile.tempdir = None  # gettempdir() reads TMPDIR again

# Ctrl-C reaches the commands the tests start, as it does a student's: a shell without job
# control (a CI script's background job, `nohup`) starts commands with SIGINT ignored, every
# process below inherits that through exec, and Python then installs no KeyboardInterrupt. A
# handler of our own is reset to the default in each child at exec.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

from grader.grading.course import Course  # noqa: E402
from grader.remote.launcher import Zygote  # noqa: E402
from grader.core.results import ExerciseResult  # noqa: E402
from grader.grading.runner import grade_exercise  # noqa: E402

# `grade` in tests grades in-process (and in subprocesses, which inherit this): a background
# grading server outliving the tests helps nobody. tests/test_server.py turns it on where it is tested.
os.environ["GRADER_SERVER"] = "0"
# The courses tests trust (grade course trust, grade init, grade new) are recorded here, never in
# the user's own configuration.
os.environ["GRADER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="grader-config-", dir=SESSION_TEMPORARY)

SUBMISSIONS = Path(__file__).parent / "submissions"
REPO = Path(__file__).resolve().parent.parent
# ex3's full marks and number of checks, read from its suite: tests say "full marks", not a number.
EX3_POINTS = int(Course(REPO).exercise("ex3").max_score)
EX3_CHECKS = len(Course(REPO).exercise("ex3").checks())


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(REPO)


@pytest.fixture(scope="session")
def zygote():
    with Zygote() as z:
        yield z


@pytest.fixture
def grade(course, zygote, tmp_path):
    """grade("ex3", "correct_flinear") grades tests/submissions/ex3/correct_flinear.py as ex3.py;
    grade("ex3", source="...") grades that text."""

    def _grade(exercise: str, variant: str | None = None, *, source: str | None = None) -> ExerciseResult:
        folder = tmp_path / (variant or "inline")
        folder.mkdir(exist_ok=True)
        target = folder / f"{exercise}.py"
        if source is not None:
            target.write_text(source)
        else:
            shutil.copy(SUBMISSIONS / exercise / f"{variant}.py", target)
        return grade_exercise(course, course.exercise(exercise), folder, zygote)

    return _grade


def variants(exercise: str, prefix: str) -> list[str]:
    return sorted(p.stem for p in (SUBMISSIONS / exercise).glob(f"{prefix}*.py"))


def failed(result: ExerciseResult) -> dict[str, str]:
    """id -> message of every check that did not pass."""
    return {c.id: c.message for c in result.checks if c.status != "passed"}


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(SESSION_TEMPORARY, ignore_errors=True)
