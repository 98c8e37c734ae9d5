"""`run_in_worker` names the student's own call when a check's helper that ran it in the worker
went wrong (grader/checks.py): the timeout's facts travel with it, whichever clock ended it."""

from __future__ import annotations

import pytest

from grader.checks import run_in_worker
from grader.core.outcomes import StudentTimeout


class _Student:
    """Stands in for the session's handle: its `run` ends as the given exception."""

    def __init__(self, problem: Exception):
        self.problem = problem

    def run(self, function, *args):
        raise self.problem


def test_a_cpu_timeout_is_said_to_be_in_the_students_call():
    student = _Student(StudentTimeout(10.0, "in _train_in_worker(...)"))
    with pytest.raises(StudentTimeout) as raised:
        run_in_worker(student, object(), (), call="train(model, X(6, 2), y(6,))")
    assert str(raised.value) == "timed out after 10 s in train(model, X(6, 2), y(6,))"
    assert raised.value.seconds == 10.0


def test_a_timeout_of_the_wall_clock_backstop_keeps_what_it_measured():
    student = _Student(StudentTimeout(10.0, "in _train_in_worker(...)", waited=(40.2, 0.04)))
    with pytest.raises(StudentTimeout) as raised:
        run_in_worker(student, object(), (), call="train(model, X(6, 2), y(6,))")
    assert str(raised.value).startswith("timed out in train(model, X(6, 2), y(6,)): it had not finished after "
                                        "40 s, in which it computed for only 0.0 s")
    assert raised.value.waited == (40.2, 0.04)
