"""Grading a whole class: one folder (or zip) per student, in parallel job slots.

Students are graded in job slots (`slots.py`): processes with their own zygote and one
pytest session each, so torch is imported and the checks collected once per slot.
Every student's result is written as soon as it is done (write, then rename), so an
interrupted run loses only the students in flight; `--resume` skips students whose files,
grader and checks are unchanged since their stored result; `--only` regrades the students named
and keeps everyone else's stored result (the one replaced is kept as <id>.previous.json).

A record holds no absolute path of the instructor's machine: the submissions folder, the
temporary folder a zip was unpacked into, the course and the home folder are replaced by
what the student knows (`alice/hw2`, `alice.zip/hw2`) before it is stored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from grader.grading.course import Course
from grader.classroom.download import Download
from grader.classroom.layouts import STAGED, read_download, stage
from grader.classroom.students import Student, entry_fingerprint, course_fingerprint, private_paths, without_private_paths
from grader.classroom.unpack import MAX_ZIP_BYTES


def discover(submissions: Path, on_skipped=None, layout: str = "folders", filenames: list[str] | None = None,
             out: Path | None = None, archive: Path | None = None) -> list[Student]:
    """One entry per student, as the LMS's download `layout` has them (layouts.py; "auto":
    sniffed). `on_skipped(message)` is told what was skipped or decided. The flat layouts'
    files are put together at once in OUT/submissions/<id>/ (`out`)."""
    download = read_download(Path(submissions), layout, filenames or [], archive)
    for message in download.notes:
        if on_skipped:
            on_skipped(message)
    if out is not None:
        stage(download, out, MAX_ZIP_BYTES)
    return students_of(download, out)


def students_of(download: Download, out: Path | None) -> list[Student]:
    """The download's students; a flat layout's entry is its folder in OUT/submissions/ (made by `stage`)."""
    return [Student(e.id, e.entry if e.entry is not None else Path(out or ".") / STAGED / e.id.replace("/", "_"),
                    e.submitted_at, e.late) for e in download.entries]


class ResultStore:
    """One JSON file per student under DIR/results/, written atomically."""

    def __init__(self, out: Path):
        self.folder = Path(out) / "results"
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, student_id: str) -> Path:
        safe = student_id.replace(os.sep, "_")
        return self.folder / f"{safe}.json"

    def load(self, student_id: str) -> dict | None:
        try:
            return json.loads(self._path(student_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def previous_path(self, student_id: str) -> Path:
        path = self._path(student_id)
        return path.with_name(path.stem + ".previous.json")

    def save(self, record: dict, keep_previous: bool = False) -> None:
        """Write the record; `keep_previous`: the stored one is first copied to <id>.previous.json."""
        path = self._path(record["student"])
        if keep_previous and path.exists():
            _write_atomically(self.previous_path(record["student"]), path.read_bytes())
        _write_atomically(path, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def stored_selection(store: ResultStore, students: list[Student]) -> list[list[str]]:
    """The exercise selections the stored results of these students were graded with."""
    found = []
    for student in students:
        record = store.load(student.id)
        if record is not None and record.get("selected") not in found:
            found.append(record.get("selected"))
    return found


def run_batch(course: Course, students: list[Student], exercise_names: list[str], store: ResultStore,
              jobs: int, resume: bool, require_layers: tuple = (), on_done=None,
              only: set[str] | None = None, cluster: str | None = None) -> list[dict]:
    """Grade every student not already up to date; return every student's record, in order.
    `only`: grade just these students; everyone else's stored result is kept as it is (a
    student without one is left out), and the result a regrade replaces is kept beside it.
    `cluster`: the address of a Dask scheduler whose workers grade instead of local slots."""
    from grader.classroom.slots import Task, grade_in_slots

    version = course_fingerprint(course, exercise_names)
    filenames = [course.exercise(name).filename for name in exercise_names]
    records: dict[str, dict] = {}
    todo: dict[str, str] = {}  # student id -> fingerprint of what they handed in
    for student in students:
        if only is not None and student.id not in only:
            stored = store.load(student.id)
            if stored is not None:  # (stored by an earlier grader, it may still hold paths)
                records[student.id] = without_private_paths(stored, private_paths(student, course, filenames))
            continue
        fingerprint = entry_fingerprint(student)
        stored = store.load(student.id) if resume and only is None else None
        if stored and stored.get("fingerprint") == fingerprint and stored.get("version") == version \
                and stored.get("selected") == exercise_names:
            records[student.id] = stored
            if on_done:
                on_done(stored, resumed=True)
        else:
            todo[student.id] = fingerprint
    by_id = {s.id: s for s in students}
    tasks = [Task(s.id, str(s.entry)) for s in students if s.id in todo]
    if tasks:
        if cluster:
            from grader.classroom.cluster import grade_on_cluster

            graded = grade_on_cluster(tasks, cluster, course, exercise_names, tuple(require_layers))
        else:
            graded = grade_in_slots(tasks, jobs, course, exercise_names, tuple(require_layers))
        for task, record in graded:
            record = without_private_paths(record, private_paths(by_id[task.student], course, filenames))
            record.update(fingerprint=todo[task.student], version=version, selected=exercise_names)
            store.save(record, keep_previous=only is not None)
            records[task.student] = record
            if on_done:
                on_done(record, resumed=False)
    return [records[s.id] for s in students if s.id in records]
