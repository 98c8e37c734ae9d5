"""Grading a notebook's cells outside the kernel, by the path `grade ex3` takes: the background
grading server when one can be used (started if need be), else a child process that grades
once (`child.py`). Never in the kernel's own process, where the student's code has run.

The cells are handed over as `<exercise>.ipynb` files in a private temporary folder, so both
paths read them exactly as they read a notebook file.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.core.results import ExerciseResult
from grader.grading.course import Course, Exercise
from grader.serve import serverlink
from grader.serve.serverwire import ServerUnavailable

START_SECONDS = 60  # a child imports torch and collects the checks before its first check


class GradingFailed(Exception):
    """The grader could not run (a broken course, a zygote that would not start): one line."""


def grade_notebook(course: Course, exercises: list[Exercise], files: dict[str, str]) -> tuple[list, list[str]]:
    """Grade `exercises` from `files` (exercise name -> the notebook's JSON; an exercise without
    one is not submitted). Returns (the ExerciseResults, notes about how it was graded)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="grader-notebook-"))
    except OSError as exc:
        raise GradingFailed(f"no temporary folder for the cells: {exc.strerror or exc}") from None
    try:
        for name, text in files.items():
            (folder / f"{name}.ipynb").write_text(text, encoding="utf-8")
        return _grade(course, exercises, folder)
    except OSError as exc:  # a full disk, a Python that cannot be started
        raise GradingFailed(f"the grader could not run: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _grade(course: Course, exercises: list[Exercise], folder: Path) -> tuple[list, list[str]]:
    names = [e.name for e in exercises]
    budget = sum(e.time_limit for e in exercises)
    notes = []
    if serverlink.enabled():
        try:
            return serverlink.grade(course.root, names, folder, (), budget + 30), notes
        except serverlink.ServerSuiteError as exc:
            raise GradingFailed(f"the grader could not run: {exc}") from None
        except ServerUnavailable as exc:
            if exc.tell:
                notes.append(f"{exc}; graded without the background server")
    return _grade_in_child(course, names, folder, budget + START_SECONDS), notes


def _grade_in_child(course: Course, names: list[str], folder: Path, timeout: float) -> list:
    request = {"course": str(course.root), "exercises": names, "folder": str(folder), "required_layers": []}
    child = subprocess.Popen([sys.executable, "-m", "grader.jupyter.child"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd="/", start_new_session=True)
    try:
        out, err = child.communicate(json.dumps(request).encode(), timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(child)
        raise GradingFailed(f"the grader took more than {timeout:g} s and was stopped") from None
    except BaseException:  # the cell was interrupted: the grade goes with it
        _end(child)
        raise
    try:
        reply = json.loads(out.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        last = err.decode(errors="replace").strip().splitlines()[-1:] or [f"exit status {child.returncode}"]
        raise GradingFailed(f"the grader could not run: {last[0]}") from None
    if reply.get("status") != "ok":
        raise GradingFailed(f"the grader could not run: {reply.get('message', '')}")
    return [ExerciseResult.from_json(r) for r in reply["results"]]


def _end(child: subprocess.Popen) -> None:
    """Stop the child (its zygote and workers die with it: parent-death signals)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except OSError:
        pass
    child.wait()
