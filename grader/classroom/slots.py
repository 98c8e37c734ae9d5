"""Job slots for `grade batch`: long-lived processes that each grade many students.

A slot is a spawned process with its own zygote (torch is imported once per slot) and one
pytest session that collects the check suites once, then grades one student after another
as the main process hands them out. The main process gives each slot one student at a time,
so it always knows who is in flight: a slot that dies costs that student a verdict, and a
fresh slot takes its place. Ctrl-C belongs to the main process; it stops the slots.
"""

from __future__ import annotations

import collections
import signal
import tempfile
import time
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Iterator

from grader.classroom.leftovers import owned_folder, release
from grader.core.results import Status

STOP_GRACE_SECONDS = 5  # a stopped slot closes its workers and zygote, then is killed


@dataclass(frozen=True)
class Task:
    student: str  # the student id
    entry: str  # the student's folder or zip


# ---------------------------------------------------------------- inside a slot


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt  # pytest then ends its session cleanly: workers are stopped


def slot_main(conn: Connection, course_root: str, exercise_names: list[str], required_layers: tuple,
              temporary_root: str) -> None:
    """A slot's life: start a zygote, then grade every task received until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group
    signal.signal(signal.SIGTERM, _interrupt)
    tempfile.tempdir = temporary_root  # unpacked zips, workers' scratch: removed with the slot
    from grader.grading.course import Course
    from grader.remote.launcher import Zygote

    zygote = Zygote().start()
    try:
        import torch

        # The grader's own tensors are tiny; more threads only spin against the workers' cores.
        torch.set_num_threads(1)
        zygote.wait_ready()  # start-up is the slot's, not its first student's
        _serve(conn, Course(Path(course_root)), exercise_names, zygote, required_layers)
    except KeyboardInterrupt:
        pass
    finally:
        zygote.close()


def _serve(conn: Connection, course, exercise_names: list[str], zygote, required_layers: tuple) -> None:
    from grader.grading.runner import SuiteError, grade_submissions
    from grader.remote.sandbox import Limits

    exercises = [course.exercise(name) for name in exercise_names]
    started: dict[str, float] = {}

    untouched: dict[str, set[str]] = {}  # student -> exercises handed in as the stub was given
    templates = {e.name: _read(course.template_dir / e.filename) for e in exercises}

    def deliver(task: Task, graded) -> None:
        if isinstance(graded, SuiteError):
            conn.send(failed_record(task.student, exercises, f"grading failed: {graded}"))
        else:
            record = student_record(task.student, exercises, graded, time.monotonic() - started.pop(task.student))
            for exercise in record["exercises"]:
                if exercise["exercise"] in untouched.get(task.student, ()):
                    exercise["untouched"] = True
            untouched.pop(task.student, None)
            conn.send(record)

    def jobs() -> Iterator[tuple[Task, Path]]:
        while (task := conn.recv()) is not None:
            started[task.student] = time.monotonic()
            with _unpacked(task, exercises) as (folder, problem):
                if problem:
                    deliver(task, [ungraded_result(e, problem) for e in exercises])
                else:
                    untouched[task.student] = {e.name for e in exercises if templates[e.name] is not None
                                               and _read(folder / e.filename) == templates[e.name]}
                    yield task, folder  # the temporary folder lives until this student is graded

    grade_submissions(course, exercises, jobs(), zygote, deliver, Limits(required_layers=tuple(required_layers)))


def _read(path: Path) -> bytes | None:
    """A file's text with line endings and trailing spaces evened out (an editor's save of the
    untouched stub is still the stub), or None."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return b"\n".join(line.rstrip() for line in path.read_bytes().splitlines()).rstrip() + b"\n"
    except OSError:
        return None


class _unpacked:
    """The folder holding a student's files (a zip is unpacked into a temporary folder), or
    the problem that keeps it from being graded."""

    def __init__(self, task: Task, exercises):
        self.task, self.filenames = task, [e.filename for e in exercises]
        self.temporary = None

    def __enter__(self) -> tuple[Path | None, str | None]:
        from grader.classroom.unpack import BadArchive, lone_archive, submission_folder, unpack_zip

        entry = Path(self.task.entry)
        if entry.is_symlink():
            return None, "the submission is a symlink; refused"
        if entry.is_dir():
            archive = lone_archive(entry, self.filenames)
            if archive is None:
                return submission_folder(entry, self.filenames), None
            entry = archive  # the student's upload, inside the folder an LMS made for them
        self.temporary = tempfile.TemporaryDirectory(prefix="grader-unzip-")
        try:
            unpack_zip(entry, Path(self.temporary.name))
        except BadArchive as exc:
            return None, str(exc)
        return submission_folder(Path(self.temporary.name), self.filenames), None

    def __exit__(self, *exc) -> None:
        if self.temporary is not None:
            self.temporary.cleanup()


def ungraded_result(exercise, problem: str):
    from grader.grading.runner import ungraded

    return ungraded(exercise, exercise.filename, problem, Status.SKIPPED)


def student_record(student: str, exercises, graded: list, seconds: float) -> dict:
    results = []
    for exercise, result in zip(exercises, graded):
        data = result.to_json()
        data["file"] = exercise.filename
        data["output"] = result.output  # head and tail only: bounded
        data["timing"] = {"seconds": round(result.seconds, 4), "check_seconds": round(result.check_seconds, 4)}
        results.append(data)
    return {"student": student, "score": sum(r["score"] for r in results),
            "max_score": sum(r["max_score"] for r in results), "exercises": results,
            "timing": {"seconds": round(seconds, 4)}}


def failed_record(student: str, exercises, message: str) -> dict:
    from grader.grading.runner import ungraded

    results = [ungraded(e, e.filename, message, Status.ERROR).to_json() for e in exercises]
    return {"student": student, "score": 0, "max_score": sum(r["max_score"] for r in results),
            "exercises": results}


# ---------------------------------------------------------------- the main process's side


class Slot:
    """One job slot as its owner sees it (here, or a Dask worker in cluster.py): the process,
    its pipe, the student it was given."""

    def __init__(self, context, course_root: str, exercise_names: list[str], required_layers: tuple):
        self.conn, child = context.Pipe()
        # Its temporary files live in a folder of its own, so that they go even if it is killed
        # (owned by this process: a later run sweeps it if this one is killed too).
        self.temporary_root = str(owned_folder())
        self.process = context.Process(target=slot_main, args=(child, course_root, exercise_names,
                                                               tuple(required_layers), self.temporary_root),
                                       daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None

    def give(self, task: Task | None) -> None:
        self.task = task
        try:
            self.conn.send(task)
        except OSError:
            pass  # it died: its sentinel says so

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()  # SIGTERM: the slot ends its pytest session and zygote

    def join(self, seconds: float) -> None:
        """Wait for it to end (killing it after `seconds`), then remove its temporary files."""
        self.process.join(seconds)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        release(self.temporary_root)


def grade_in_slots(tasks: list[Task], jobs: int, course, exercise_names: list[str],
                   required_layers: tuple = ()) -> Iterator[tuple[Task, dict]]:
    """Yield (task, record) for every task, as each is done, from `jobs` slots."""
    context = get_context("spawn")
    queue = collections.deque(tasks)
    exercises = [course.exercise(name) for name in exercise_names]
    busy: list[Slot] = []
    done: list[Slot] = []  # told to stop: joined at the end

    def start_slot() -> None:
        slot = Slot(context, str(course.root), exercise_names, required_layers)
        busy.append(slot)
        slot.give(queue.popleft())

    try:
        for _ in range(max(1, min(jobs, len(queue)))):
            start_slot()
        while busy:
            ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy])
            for slot in list(busy):
                record = receive_record(slot) if slot.conn in ready else None
                if record is not None:
                    yield slot.task, record
                    slot.give(queue.popleft() if queue else None)
                    if slot.task is None:
                        busy.remove(slot)
                        done.append(slot)
                elif slot.conn in ready or slot.process.sentinel in ready:  # it died
                    busy.remove(slot)
                    slot.join(STOP_GRACE_SECONDS)
                    message = (f"grading failed: the grading process stopped (exit code "
                               f"{slot.process.exitcode}); the other students were not affected")
                    yield slot.task, failed_record(slot.task.student, exercises, message)
                    if queue:
                        start_slot()
    finally:
        for slot in busy:
            slot.stop()
        for slot in busy + done:
            slot.join(STOP_GRACE_SECONDS)


def receive_record(slot: Slot) -> dict | None:
    try:
        return slot.conn.recv()
    except (EOFError, OSError):
        return None
