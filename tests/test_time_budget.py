"""A check's time limit counts the worker's CPU time (grader/core/timebudget.py, issue #22): on
a core shared with busy processes a submission that computes within its limit still passes,
while a loop that never ends is stopped at the limit and a sleep by the wall-clock backstop."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.core.outcomes import StudentTimeout
from grader.core.session import StudentSession
from grader.core.submission import read_submission
from grader.core.timebudget import WALL_SLACK, cpu_seconds
from grader.remote.launcher import Zygote
from grader.remote.sandbox import Limits

pytestmark = pytest.mark.skipif(not (hasattr(os, "sched_setaffinity") and Path("/proc/self/stat").exists()),
                                reason="needs /proc and CPU affinity (Linux)")

SOURCE = '''
def work(n):
    total = 0
    for i in range(n):
        total += i
    return total

def forever():
    while True:
        pass

def asleep():
    import time
    time.sleep(1000)
'''
BUSY = "import os\nos.sched_setaffinity(0, {%d})\nwhile True:\n    pass\n"


def iterations_for(cpu: float) -> int:
    """How many rounds of `work` take about `cpu` seconds of CPU on this machine."""
    namespace: dict = {}
    exec(SOURCE, namespace)
    start = time.process_time()
    namespace["work"](1_000_000)
    return int(1_000_000 * cpu / max(time.process_time() - start, 1e-3))


@pytest.fixture
def session_on_a_busy_core(tmp_path):
    """A worker on one core with three busy processes beside it: about a quarter of the core."""
    (tmp_path / "budget.py").write_text(SOURCE)
    submission, _ = read_submission(tmp_path, "budget.py")
    before = os.sched_getaffinity(0)
    core = min(before)
    rounds = iterations_for(0.5)
    os.sched_setaffinity(0, {core})  # the zygote and its workers inherit it
    hogs = [subprocess.Popen([sys.executable, "-c", BUSY % core]) for _ in range(3)]
    try:
        with Zygote() as zygote:
            session = StudentSession(zygote, submission, Limits(), check_time_limit=1.0)
            session.start(10.0)
            yield session, rounds
            session.close()
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
        os.sched_setaffinity(0, before)


def test_a_call_within_its_cpu_time_passes_on_a_busy_core_though_the_wall_clock_runs_past(session_on_a_busy_core):
    session, rounds = session_on_a_busy_core
    session.set_deadline(1.0)
    start = time.monotonic()
    reply = session.call("work", (rounds,), label="work(...)")
    wall = time.monotonic() - start
    assert reply["ok"]
    assert wall > 1.0, "the premise: on a shared core this call takes longer than its limit on the wall clock"
    assert 0.2 < session.budget.cpu_used < 1.0
    assert session.cpu_used >= session.budget.cpu_used


def test_a_loop_that_never_ends_is_stopped_at_its_cpu_limit(session_on_a_busy_core):
    session, _ = session_on_a_busy_core
    session.set_deadline(1.0)
    with pytest.raises(StudentTimeout, match=r"^timed out after 1 s in forever\(\)$"):
        session.call("forever", (), label="forever()")
    assert session.budget.cpu_used >= 1.0


def test_a_sleep_is_stopped_by_the_wall_clock_backstop_with_what_it_did(session_on_a_busy_core):
    session, _ = session_on_a_busy_core
    session.set_deadline(0.5)
    start = time.monotonic()
    with pytest.raises(StudentTimeout, match=r"^timed out in asleep\(\): it had not finished after 2 s, in which it "
                                             r"computed for only 0\.0 s \(is it sleeping"):
        session.call("asleep", (), label="asleep()")
    assert 0.5 * WALL_SLACK <= time.monotonic() - start < 0.5 * WALL_SLACK + 5


def test_cpu_seconds_reads_this_process_and_nothing_for_a_missing_one():
    start = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) - start >= 0.15
    assert cpu_seconds(2**22 + 12345) is None
