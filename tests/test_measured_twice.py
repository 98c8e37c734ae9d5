"""A check that runs out of CPU time is run once more before it is judged timed out (plugin.py's
`measure_again`, issue #22): the same work costs more CPU time on a busy machine, never less, so
the lesser of two measures decides, and a submission at the edge of a limit keeps its verdict
from run to run. The course here is trusted code that asks for an endless loop at a check's first
attempt only: what the retry must forget (the timeout, its CPU time) and what it must not (a
second timeout, a third check's, a reach into the grader) shows in the verdicts."""

from __future__ import annotations

import textwrap

import pytest

from grader.grading.course import Course
from grader.grading.runner import grade_exercise

STUDENT = textwrap.dedent("""
    def peek():
        import sys
        try:
            sys._getframe(1)  # a reach into the grader: refused, and reported with the reply
        except Exception:
            pass
        return 0

    def spin(n):
        total = 0
        for i in range(n):
            total += i
        return total

    def hang():
        while True:
            pass

    def stall():
        while True:
            pass
""")

CHECKS = textwrap.dedent("""
    from grader.checks import check, expect_number

    ATTEMPTS = []  # the grader's side: it lasts across the attempts of one grading


    @check("a check whose first attempt meets an endless loop, the second a short one", kind="value", points=1)
    def check_edge(student):
        ATTEMPTS.append("edge")
        if ATTEMPTS.count("edge") == 1:
            student.peek()
            student.spin(10**12)
        expect_number(student.spin(10), 45, call="spin(10)")


    @check("spin runs again afterwards", kind="value", points=1)
    def check_after(student):
        expect_number(student.spin(5), 10, call="spin(5)")


    @check("hang never returns", kind="value", points=1)
    def check_hang(student):
        student.hang()


    @check("stall never returns either", kind="value", points=1)
    def check_stall(student):
        student.stall()
""")


@pytest.fixture
def edge_course(tmp_path) -> Course:
    root = tmp_path / "course"
    (root / "assignments" / "edge").mkdir(parents=True)
    (root / "assignments" / "edge" / "exercise.toml").write_text(
        'title = "edge"\nfunctions = ["peek", "spin", "hang", "stall"]\ntime_limit = 3.5\ncheck_time_limit = 1\n')
    (root / "assignments" / "edge" / "checks.py").write_text(CHECKS)
    for folder in ("reference", "student_template"):
        (root / folder).mkdir()
        (root / folder / "edge.py").write_text(STUDENT)
    (root / "course.toml").write_text('title = "a check at the edge"\n')
    return Course(root)


def test_a_check_that_ran_out_of_time_once_is_judged_on_its_second_attempt(edge_course, zygote, tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "edge.py").write_text(STUDENT)
    result = grade_exercise(edge_course, edge_course.exercise("edge"), folder, zygote)
    by_id = {check.id: check for check in result.checks}
    # The first attempt's timeout is forgotten: the check passes, and spin is called again after it.
    assert by_id["check_edge"].status == "passed", by_id["check_edge"].message
    assert by_id["check_after"].status == "passed", by_id["check_after"].message
    # What the forgotten attempt was seen doing is not forgotten: a timeout hides no reach.
    assert {"event": "sys._getframe", "where": "edge.py:5"} in result.integrity
    # A loop that never ends times out twice, and says why the student waited twice as long.
    assert by_id["check_hang"].status == "timeout"
    assert by_id["check_hang"].message == ("timed out after 1 s in hang(), and again when the check was run a "
                                           "second time (in case the machine was busy)")
    # At most two checks of an exercise are measured twice: the third timeout is judged at once.
    assert by_id["check_stall"].status == "timeout"
    # ... with its full second: the exercise's 3.5 s were not charged for the attempts forgotten
    # (had they been, 3 s would be gone and stall would get half a second).
    assert by_id["check_stall"].message == "timed out after 1 s in stall()"
