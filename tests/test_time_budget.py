"""A check's time limit counts the worker's CPU time (grader/core/timebudget.py, issue #22): on
a core shared with busy processes a submission that computes within its limit still passes,
while a loop that never ends is stopped at the limit and a sleep by the wall-clock backstop. The
worker here gets a sixth of a core or less: under the backstop's WALL_SLACK of 4, had the backstop
counted the time the worker waited for the core, the loop would have been called asleep."""

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
from grader.core.timebudget import WALL_SLACK, cpu_seconds, starved_seconds
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

def lowered_then_forever():
    import os
    os.nice(19)
    while True:
        pass
'''
HOGS = 5
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
    """A worker on one core with five busy processes beside it, each in its own session (the
    kernel's autogroups share a core between sessions): a sixth of the core at most. Only the
    worker is pinned, so that the grader's own waiting is not slowed."""
    (tmp_path / "budget.py").write_text(SOURCE)
    submission, _ = read_submission(tmp_path, "budget.py")
    core = min(os.sched_getaffinity(0))
    rounds = iterations_for(0.5)
    hogs = [subprocess.Popen([sys.executable, "-c", BUSY % core], start_new_session=True) for _ in range(HOGS)]
    try:
        with Zygote() as zygote:
            session = StudentSession(zygote, submission, Limits(), check_time_limit=1.0)
            session.start(10.0)
            os.sched_setaffinity(session.worker.pid, {core})
            yield session, rounds
            session.close()
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


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
    assert session.budget.waited < wall / 2, "the backstop does not count the worker's waits for the core"


def test_a_loop_that_never_ends_is_stopped_at_its_cpu_limit(session_on_a_busy_core):
    session, _ = session_on_a_busy_core
    session.set_deadline(1.0)
    start = time.monotonic()
    with pytest.raises(StudentTimeout, match=r"^timed out after 1 s in forever\(\)$"):
        session.call("forever", (), label="forever()")
    assert session.budget.cpu_used >= 1.0
    assert time.monotonic() - start > WALL_SLACK, "the premise: the worker got less than 1/WALL_SLACK of a core"


def test_a_sleep_is_stopped_by_the_wall_clock_backstop_with_what_it_did(session_on_a_busy_core):
    session, _ = session_on_a_busy_core
    session.set_deadline(0.5)
    start = time.monotonic()
    with pytest.raises(StudentTimeout, match=r"^timed out in asleep\(\): it had not finished after 2 s, in which it "
                                             r"computed for only 0\.0 s \(is it sleeping"):
        session.call("asleep", (), label="asleep()")
    assert 0.5 * WALL_SLACK <= time.monotonic() - start < 0.5 * WALL_SLACK + 5


def test_a_worker_that_lowers_its_own_priority_has_its_waits_for_the_core_counted(session_on_a_busy_core):
    """Waiting for a core is the student's own doing once their code lowers its priority (a nice
    of 19 or an idle policy could starve it for minutes on a busy machine): the backstop counts it."""
    session, _ = session_on_a_busy_core
    session.set_deadline(1.0)
    with pytest.raises(StudentTimeout, match=r"^timed out in lowered_then_forever\(\): it had not finished after 4 s"):
        session.call("lowered_then_forever", (), label="lowered_then_forever()")
    assert session.budget.cpu_used < 1.0


def test_cpu_seconds_reads_this_process_and_nothing_for_a_missing_one():
    start = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) - start >= 0.15
    assert cpu_seconds(2**22 + 12345) is None


def test_starved_seconds_grows_only_while_a_process_waits_for_a_core():
    """The run delay of a process that sleeps does not grow; that of one sharing its core does."""
    if starved_seconds(os.getpid()) is None:
        pytest.skip("this kernel keeps no /proc/<pid>/schedstat")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    before = os.sched_getaffinity(0)
    core = min(before)
    rival = None
    try:
        time.sleep(0.5)
        asleep = starved_seconds(sleeper.pid)
        time.sleep(1.0)
        assert starved_seconds(sleeper.pid) - asleep < 0.1
        os.sched_setaffinity(0, {core})
        rival = subprocess.Popen([sys.executable, "-c", BUSY % core])
        start = starved_seconds(os.getpid())
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            pass
        assert starved_seconds(os.getpid()) - start > 0.3
    finally:
        os.sched_setaffinity(0, before)
        for process in (sleeper, rival):
            if process is not None:
                process.kill()
                process.wait()
