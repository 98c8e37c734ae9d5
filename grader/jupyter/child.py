"""`python -m grader.jupyter.child`: one grade in a process of its own, for `%grade` when no
background grading server can be used.

The kernel is where the student's code runs: it may have changed torch's settings or
functions, and pytest's signal-based time limits do not belong in it. So a notebook is never
graded in the kernel's process; this child does what `grade ex3` does in-process (a zygote
started first, then `runner.grade_exercises`) and answers on its standard output with one
JSON object: {"status": "ok", "results": [...]} or {"status": "error", "message": ...}.
Anything else printed while grading goes to standard error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def grade(request: dict) -> dict:
    from grader.remote.launcher import LaunchError, Zygote

    zygote = Zygote().start()  # first: its torch import overlaps with ours
    from grader.grading.course import Course, CourseError
    from grader.grading.runner import SuiteError, grade_exercises
    from grader.remote.sandbox import Limits

    try:
        course = Course(Path(request["course"]))
        exercises = [course.exercise(name) for name in request["exercises"]]
        with zygote:
            results = grade_exercises(course, exercises, Path(request["folder"]), zygote,
                                      Limits(required_layers=tuple(request.get("required_layers", ()))))
    except (CourseError, SuiteError, LaunchError) as exc:
        return {"status": "error", "message": str(exc)}
    return {"status": "ok", "results": [r.to_wire() for r in results]}


def main() -> None:
    answer = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # what pytest or a check prints must not mix with the answer
    reply = grade(json.load(sys.stdin))
    answer.write(json.dumps(reply) + "\n")
    answer.flush()
    sys.stderr.flush()
    os._exit(0)  # tearing torch down costs ~0.4 s, and nothing is left to write


if __name__ == "__main__":
    main()
