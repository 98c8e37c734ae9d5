"""`grade batch --cluster ADDRESS`: the job slots on the workers of a Dask distributed cluster.

On each Dask worker a worker plugin (`GradingSlots`) keeps one job slot per worker thread
(slots.py: a process with its own zygote and pytest session, so torch is imported and the
checks collected once per worker, not per student). The client sends each student's files
as bytes (parcel.py: no shared filesystem), at most one student per worker thread at a
time, and yields each record as it comes back, like `slots.grade_in_slots`: `run_batch`
stores it at once, so --resume, the progress bar, the outputs and Ctrl-C are a local run's.

Faults. A Dask worker that dies mid-student: the scheduler gives the student to another
worker. A submission during which every worker that takes it dies: the scheduler stops
after `distributed.scheduler.allowed-failures` (default 3) + 1 deaths and the student gets
a "grading failed" verdict. The scheduler also counts the deaths of workers that only held
a student in their queue; each worker tells the client (through the scheduler, before the
student's code runs) whom it began to grade, so such a student is sent again (at most
MAX_RETRIES times) instead of failed. A job slot that dies (the Dask worker lives): a
"grading failed" verdict and a fresh slot, as locally. The scheduler gone: `ClusterLost`, the results so far
are saved. A worker whose grader or course differs from the client's (their fingerprints,
batch.course_fingerprint) refuses every student: `ClusterError`, before any is graded when
the worker is there at the start. Slots are the local ones, with the same sandbox layers and
--require-sandbox.
"""

from __future__ import annotations

import collections
import multiprocessing
import queue
import socket
import threading
import time
import uuid
from multiprocessing import get_context
from multiprocessing.connection import wait
from pathlib import Path
from typing import Iterator

from grader.classroom.leftovers import owned_folder, release, sweep
from grader.classroom.students import Student, course_fingerprint, private_paths, without_private_paths
from grader.classroom.parcel import ParcelRefused, pack, unpack
from grader.classroom.slots import STOP_GRACE_SECONDS, Slot, Task, failed_record, receive_record

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # without the [cluster] extra; `grade_on_cluster` says how to install it
    WorkerPlugin = object

INSTALL_HINT = ("--cluster needs Dask's distributed scheduler: pip install 'llm-scratch-grader[cluster]' "
                "(or pip install 'dask[distributed]')")
CONNECT_SECONDS = 20
MAX_RETRIES = 2  # a student the scheduler gave up on, having begun fewer times than it allows deaths
PLUGIN_WAIT_SECONDS = 60  # a worker just (re)started may get a student before its slots are set up
IDLE_SECONDS = 15 * 60  # slots left by a client that vanished are stopped after this long unused
# The client keeps as many students in flight as the cluster has worker threads, so that
# none waits in a worker's queue (where that worker's death would count against it); a
# worker gone must soon count.
CAPACITY_REFRESH_SECONDS = 0.2


class ClusterError(Exception):
    """The cluster cannot grade this class (no scheduler, a worker that refuses): the message says why."""


class ClusterLost(ClusterError):
    """The scheduler went away during the run; the results so far are saved."""


class Refused(Exception):
    """Raised on a worker whose grader or course is not the client's: it grades nobody."""


def available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------- on each Dask worker


class GradingSlots(WorkerPlugin):
    """The worker plugin: job slots for one grader and course version and exercise selection."""

    def __init__(self, course_root: str, exercise_names: list[str], required_layers: tuple, version: str):
        self.course_root, self.exercise_names = course_root, list(exercise_names)
        self.required_layers, self.version = tuple(required_layers), version

    def setup(self, worker) -> None:
        self.address, self.host = worker.address, socket.gethostname()
        self.starting = threading.Lock()
        self.idle: queue.SimpleQueue = queue.SimpleQueue()  # a slot, or None: start one when needed
        self.closed = threading.Event()
        self.last_used = time.monotonic()
        self.course, self.problem = self._course()
        sweep()  # what killed workers of earlier runs left on this machine
        if self.problem is None:
            for _ in range(max(1, worker.state.nthreads)):  # started now: warm before the first student
                try:
                    slot = self._start_slot()
                except Exception:
                    slot = None  # its first student's task starts it (or says why it cannot)
                self.idle.put(slot)
            threading.Thread(target=self._stop_when_idle, daemon=True, name="grader-slots-idle").start()

    def _course(self):
        from grader.grading.course import Course, CourseError

        try:  # the client's course folder when this machine has it, else the course found here
            root = Path(self.course_root)
            course = Course(root) if (root / "course.toml").is_file() else Course.locate()
            actual = course_fingerprint(course, self.exercise_names)
        except (CourseError, OSError) as exc:
            return None, f"its course cannot be used ({exc})"
        if actual != self.version:
            return None, (f"its grader or course differs from the client's (fingerprint {actual[:12]} here, "
                          f"{self.version[:12]} there: {course.root})")
        return course, None

    def _start_slot(self) -> Slot:
        # Dask starts its workers as daemonic processes, which multiprocessing forbids to have
        # children (so that none is orphaned). A slot is not orphaned: it ends when the pipe
        # to this worker closes, and teardown stops it.
        with self.starting:
            config = multiprocessing.current_process()._config
            daemonic = config.get("daemon")
            config["daemon"] = False
            try:
                return Slot(get_context("spawn"), str(self.course.root), self.exercise_names, self.required_layers)
            finally:
                config["daemon"] = daemonic

    def grade(self, student: str, parcel: dict, started=lambda: None) -> dict:
        slot = self.idle.get()  # one slot per worker thread: one is free for this task
        try:
            started()
            if slot is None:
                slot = self._start_slot()
            folder = owned_folder()  # swept by a later run if this worker is killed
            try:
                entry = unpack(parcel, folder)
                slot.give(Task(student, str(entry)))
                ready = wait([slot.conn, slot.process.sentinel])
                record = receive_record(slot) if slot.conn in ready else None
                if record is None:  # the slot died (this worker lives): as in a local batch
                    slot.join(STOP_GRACE_SECONDS)
                    exercises = [self.course.exercise(name) for name in self.exercise_names]
                    record = failed_record(student, exercises, f"grading failed: the grading process stopped (exit "
                                                               f"code {slot.process.exitcode}); the other students "
                                                               "were not affected")
                    slot = None
                filenames = [self.course.exercise(name).filename for name in self.exercise_names]
                # This machine's paths are known only here: the student is shown theirs.
                return without_private_paths(record, private_paths(Student(student, entry), self.course, filenames))
            finally:
                release(folder)
        finally:
            self.last_used = time.monotonic()
            if self.closed.is_set() and slot is not None:
                _stop_slots([slot])
            else:
                self.idle.put(slot)

    def _stop_when_idle(self) -> None:
        while not self.closed.wait(min(60.0, IDLE_SECONDS)):
            if time.monotonic() - self.last_used < IDLE_SECONDS:
                continue
            taken = []
            while True:
                try:
                    taken.append(self.idle.get_nowait())
                except queue.Empty:
                    break
            _stop_slots([slot for slot in taken if slot is not None])
            for _ in taken:
                self.idle.put(None)

    async def teardown(self, worker) -> None:
        import asyncio

        if not hasattr(self, "idle"):
            return  # never set up
        self.closed.set()
        slots = []
        while True:
            try:
                slots.append(self.idle.get_nowait())
            except queue.Empty:
                break
        # (slots busy with a student are stopped by their task when it sees `closed`)
        await asyncio.get_running_loop().run_in_executor(None, _stop_slots, [s for s in slots if s is not None])


def _stop_slots(slots: list[Slot]) -> None:
    for slot in slots:
        slot.give(None)  # an idle slot ends its session; SIGTERM if it does not
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for slot in slots:
        slot.process.join(max(0.0, deadline - time.monotonic()))
        slot.stop()
        slot.join(STOP_GRACE_SECONDS)


def _slots_on(worker, name: str) -> GradingSlots:
    """(Called in a task's thread, never on the worker's event loop, which sets plugins up.)"""
    deadline = time.monotonic() + PLUGIN_WAIT_SECONDS
    while (slots := worker.plugins.get(name)) is None or not hasattr(slots, "problem"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the grading slots were not set up on worker {worker.address}")
        time.sleep(0.1)
    return slots


def grade_on_worker(name: str, student: str, parcel: dict) -> dict:
    """The Dask task: grade one student in a slot of this worker, telling the client it began."""
    from distributed import get_worker

    worker = get_worker()
    slots = _slots_on(worker, name)
    if slots.problem:
        raise Refused(f"worker {slots.address} ({slots.host}) refuses to grade: {slots.problem}")
    return slots.grade(student, parcel, started=lambda: _tell_began(worker, name, student))


def _tell_began(worker, topic: str, student: str) -> None:
    """Tell the client (through the scheduler, and before the student's code runs) that this
    worker began grading the student: if it dies now, the client hears of that first."""
    from distributed.utils import sync

    sync(worker.loop, worker.scheduler.log_event, topic=topic, msg=student)


def worker_problem(name: str, dask_worker=None) -> str | None:
    """Run on every worker at the start (`Client.run`): why it would refuse, or None."""
    slots = dask_worker.plugins.get(name)
    problem = getattr(slots, "problem", None)  # (not set up yet: its first task will say)
    return f"worker {slots.address} ({slots.host}): {problem}" if problem else None


# ---------------------------------------------------------------- the client's side


def _connect(address: str):
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"no Dask scheduler answers at {address} ({exc.__class__.__name__}: {exc})") from None
    except ValueError as exc:
        raise ClusterError(f"--cluster {address}: {exc}") from None


class _Capacity:
    """How many students the cluster grades at once (its worker threads), asked now and then."""

    def __init__(self, client):
        self.client, self.value, self.asked = client, 1, float("-inf")

    def __call__(self) -> int:
        if time.monotonic() - self.asked > CAPACITY_REFRESH_SECONDS:
            self.asked = time.monotonic()
            try:
                self.value = max(1, sum(self.client.nthreads().values()))
            except Exception:  # (the scheduler going away is seen on the futures)
                pass
        return self.value


def grade_on_cluster(tasks: list[Task], address: str, course, exercise_names: list[str],
                     required_layers: tuple = ()) -> Iterator[tuple[Task, dict]]:
    """Yield (task, record) for every task, as each is done, from the cluster's workers."""
    if not available():
        raise ClusterError(INSTALL_HINT)
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    exercises = [course.exercise(name) for name in exercise_names]
    filenames = [e.filename for e in exercises]
    version = course_fingerprint(course, exercise_names)
    client = _connect(address)
    run = uuid.uuid4().hex[:12]
    name = f"grader-slots-{run}"
    running: dict = {}  # future -> task
    # Students a worker began grading, and how often: the scheduler's count of workers that
    # died "while running" a task includes workers that held it queued behind another.
    began: collections.Counter = collections.Counter()
    retried: collections.Counter = collections.Counter()
    try:
        client.register_plugin(GradingSlots(str(course.root), exercise_names, tuple(required_layers), version),
                               name=name)
        client.subscribe_topic(name, lambda event: began.update([event[1]]))
        refusals = [p for p in client.run(worker_problem, name).values() if p]
        if refusals:
            raise ClusterError(_refused_message(refusals))
        pending = collections.deque(tasks)
        capacity = _Capacity(client)
        done = as_completed(loop=client.loop)

        def submit() -> Iterator[tuple[Task, dict]]:
            while pending and len(running) < capacity():
                task = pending.popleft()
                try:
                    parcel = pack(Path(task.entry), filenames)
                except ParcelRefused as exc:
                    yield task, _ungraded(task.student, exercises, str(exc))
                    continue
                except OSError as exc:  # as a local slot that cannot read it: no grade, and why
                    yield task, failed_record(task.student, exercises, f"grading failed: the submission could "
                                                                       f"not be read ({exc})")
                    continue
                future = client.submit(grade_on_worker, name, task.student, parcel, pure=False,
                                       key=f"grade-{task.student}-{run}-{retried[task.student]}")
                running[future] = task
                done.add(future)

        yield from submit()
        for future in done:
            task = running.pop(future)
            if future.status == "cancelled":
                raise ClusterLost(f"The Dask scheduler at {address} went away")
            problem = future.exception()
            if problem is None:
                yield task, future.result()
            elif isinstance(problem, Refused):
                raise ClusterError(_refused_message([str(problem)]))
            elif isinstance(problem, KilledWorker):
                tries = problem.allowed_failures + 1
                if began[task.student] < tries and retried[task.student] < MAX_RETRIES:
                    retried[task.student] += 1  # some of those workers only held it in their queue
                    pending.appendleft(task)
                else:
                    yield task, failed_record(task.student, exercises, (
                        "grading failed: every grading worker that took this submission stopped while grading it "
                        f"({max(began[task.student], tries)} of them); it was not tried again"))
            else:  # a fault of the grader on that worker, not of the student's code
                yield task, failed_record(task.student, exercises,
                                          f"grading failed: {problem.__class__.__name__}: {problem}")
            yield from submit()
    finally:
        _close(client, list(running), name)


def _ungraded(student: str, exercises, problem: str) -> dict:
    from grader.classroom.slots import student_record, ungraded_result

    return student_record(student, exercises, [ungraded_result(e, problem) for e in exercises], 0.0)


def _refused_message(refusals: list[str]) -> str:
    shown = "; ".join(refusals[:3]) + (f"; and {len(refusals) - 3} more" if len(refusals) > 3 else "")
    return (f"{shown}. Every worker must run the same grader and course as this machine (mixed versions would "
            "make a mixed gradebook): install them there, or start the workers with GRADER_COURSE set to the "
            "course folder; then run again with --resume")


def _close(client, futures: list, name: str) -> None:
    """Cancel what is in flight and stop the slots on every worker, as far as the scheduler answers."""
    try:
        if client.status == "running":
            client.unsubscribe_topic(name)
            if futures:
                client.cancel(futures)
            client.unregister_worker_plugin(name)  # teardown: the slots' pytest sessions end
    except Exception:
        pass  # the scheduler went away: idle slots stop after IDLE_SECONDS
    finally:
        try:
            client.close(timeout=10)
        except Exception:
            pass
