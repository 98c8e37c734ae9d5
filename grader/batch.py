"""Grading a whole class: one folder (or zip) per student, in parallel job slots.

Students are graded in job slots (`slots.py`): processes with their own zygote and one
pytest session each, so torch is imported and the checks collected once per slot.
Every student's result is written as soon as it is done (write, then rename), so an
interrupted run loses only the students in flight; `--resume` skips students whose files,
grader and checks are unchanged since their stored result.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from grader.course import ENGINE_DIR, Course
from grader.unpack import IGNORED_NAMES

@dataclass
class Student:
    id: str  # the entry's name: "alice", "Zoë Ng" (a zip's name without .zip)
    entry: Path  # the folder or the zip


def discover(submissions: Path, on_skipped=None) -> list[Student]:
    """One entry per student. When both `alice/` and `alice.zip` are there (a zip unpacked
    beside itself), the folder is graded and the zip skipped; `on_skipped(message)` is told."""
    students: dict[str, Student] = {}
    for entry in sorted(Path(submissions).iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
            continue
        if entry.is_symlink() or entry.is_dir():  # a symlink is refused when graded
            student = Student(entry.name, entry)
        elif entry.suffix.lower() == ".zip":
            student = Student(entry.stem, entry)
        else:
            if on_skipped:
                on_skipped(f"{entry.name} skipped: SUBMISSIONS should hold one folder or .zip per student")
            continue
        kept = students.setdefault(student.id, student)
        if kept is not student:
            archive, folder = (student, kept) if student.entry.is_file() else (kept, student)
            students[student.id] = folder
            if on_skipped:
                on_skipped(f"{archive.entry.name} skipped: the folder {folder.entry.name}/ is graded "
                           f"for {student.id}")
    return list(students.values())


def _file_digest(path: Path) -> str:
    try:
        if path.is_symlink():
            return "symlink:" + os.readlink(path)
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
    except OSError:
        return "unreadable"


def entry_fingerprint(student: Student) -> str:
    """A hash of what the student handed in (the zip itself, or every file of the folder)."""
    digest = hashlib.sha256()
    if student.entry.is_file() or student.entry.is_symlink():
        digest.update(_file_digest(student.entry).encode())
    else:
        for path in sorted(student.entry.rglob("*")):
            if path.is_file() or path.is_symlink():
                digest.update(str(path.relative_to(student.entry)).encode() + b"\0")
                digest.update(_file_digest(path).encode() + b"\n")
    return digest.hexdigest()


def course_fingerprint(course: Course, exercises: list[str]) -> str:
    """Grader code, check suites and references: a change in any of them regrades everyone."""
    digest = hashlib.sha256()
    engine = sorted(ENGINE_DIR.glob("*.py")) + sorted(ENGINE_DIR.glob("*.ini"))
    for path in engine:
        digest.update(b"grader/" + path.name.encode() + b"\0" + _file_digest(path).encode())
    files = []
    for name in exercises:
        files += sorted(course.exercise(name).folder.rglob("*.py")) + sorted(course.exercise(name).folder.glob("*.toml"))
        reference = course.reference_dir / f"{name}.py"
        files += [reference] if reference.exists() else []
    for path in files:
        digest.update(str(path.relative_to(course.root)).encode() + b"\0" + _file_digest(path).encode())
    return digest.hexdigest()


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

    def save(self, record: dict) -> None:
        path = self._path(record["student"])
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)


def run_batch(course: Course, students: list[Student], exercise_names: list[str], store: ResultStore,
              jobs: int, resume: bool, require_layers: tuple = (), on_done=None) -> list[dict]:
    """Grade every student not already up to date; return every student's record, in order."""
    from grader.slots import Task, grade_in_slots

    version = course_fingerprint(course, exercise_names)
    records: dict[str, dict] = {}
    todo: dict[str, str] = {}  # student id -> fingerprint of what they handed in
    for student in students:
        fingerprint = entry_fingerprint(student)
        stored = store.load(student.id) if resume else None
        if stored and stored.get("fingerprint") == fingerprint and stored.get("version") == version \
                and stored.get("selected") == exercise_names:
            records[student.id] = stored
            if on_done:
                on_done(stored, resumed=True)
        else:
            todo[student.id] = fingerprint
    tasks = [Task(s.id, str(s.entry)) for s in students if s.id in todo]
    if tasks:
        for task, record in grade_in_slots(tasks, jobs, course, exercise_names, tuple(require_layers)):
            record.update(fingerprint=todo[task.student], version=version, selected=exercise_names)
            store.save(record)
            records[task.student] = record
            if on_done:
                on_done(record, resumed=False)
    return [records[s.id] for s in students if s.id in records]
