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

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.course import ENGINE_DIR, Course
from grader.layouts import STAGED, Download, read_download, stage
from grader.unpack import MAX_ZIP_BYTES, lone_archive

@dataclass
class Student:
    id: str  # the LMS's key: the entry's name ("alice", a zip's name without .zip), a Canvas user id...
    entry: Path  # the folder or the zip
    submitted_at: datetime | None = None  # when the layout says it was handed in
    late: bool = False  # the LMS marked it late


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
    secret = course.secret  # the property inputs are drawn from it: another secret, other grades
    digest.update(b"secret\0" + hashlib.sha256(secret or b"").hexdigest().encode())
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


# ---------------------------------------------------------------- no instructor paths in a record

_TEMPORARY_NAME = r"[A-Za-z0-9_]+"  # the random part of a mkdtemp name


def _variants(path: Path) -> set[str]:
    return {str(path), os.path.realpath(path)}


def _zip_label(student: Student, filenames: list[str]) -> str:
    """How the student knows the zip that was unpacked for them: `ivan.zip`, `carl/hw2.zip`."""
    entry = student.entry
    if entry.is_dir() and not entry.is_symlink():
        try:
            archive = lone_archive(entry, filenames)
        except OSError:
            archive = None
        if archive is not None:
            return f"{entry.name}/{archive.name}"
    return entry.name


def private_paths(student: Student, course: Course, filenames: list[str]) -> list[tuple[re.Pattern, str]]:
    """(pattern of a path of this machine, what the student is shown instead), most specific first."""
    fixed = [(student.entry, student.entry.name), (student.entry.parent, ""), (course.root, ""),
             (Path(sys.prefix), "<python>"), (Path(sys.base_prefix), "<python>"), (Path.home(), "~")]
    pairs = []
    for folder in _variants(Path(tempfile.gettempdir())):
        slot = re.escape(folder) + r"/tmp" + _TEMPORARY_NAME  # a slot's folder (mkdtemp's plain name)
        pairs += [(slot + r"/grader-unzip-" + _TEMPORARY_NAME, _zip_label(student, filenames)),
                  (slot + r"/tmp" + _TEMPORARY_NAME, "."),  # the student code's working folder
                  (re.escape(folder) + r"/tmp" + _TEMPORARY_NAME, "."),  # the same, graded outside a slot
                  (slot, "<temporary folder>")]
    for path, label in fixed[1:]:
        pairs += [(re.escape(variant), label) for variant in _variants(path) if variant not in ("/", "")]
    pairs.sort(key=lambda pair: -len(pair[0]))  # /home/u/class/alice before /home/u
    # The student's own folder first, always: it may itself lie in a temporary folder (a cluster
    # worker unpacks it in one) whose pattern is the longer text.
    pairs[:0] = [(re.escape(variant), fixed[0][1]) for variant in _variants(fixed[0][0])
                 if variant not in ("/", "")]
    # whole path components only: not the /usr inside /opt/usr/lib, not /home/al in /home/alice
    return [(re.compile(r"(?<![\w.\-/~])" + pattern + r"(/|(?![\w.\-]))"), label) for pattern, label in pairs]


def without_private_paths(value, paths: list[tuple[re.Pattern, str]]):
    """Every string of a record with the paths of this machine replaced (`/…/class/alice/hw2` ->
    `alice/hw2`, `/…/class/` -> ``, a zip's unpacked folder -> `alice.zip`)."""
    if isinstance(value, str):
        for pattern, label in paths:
            value = pattern.sub(lambda m, label=label: (label + "/" if label else "") if m.group(1) else
                                (label or "."), value)
        return value
    if isinstance(value, list):
        return [without_private_paths(v, paths) for v in value]
    if isinstance(value, dict):
        return {k: without_private_paths(v, paths) for k, v in value.items()}
    return value


def run_batch(course: Course, students: list[Student], exercise_names: list[str], store: ResultStore,
              jobs: int, resume: bool, require_layers: tuple = (), on_done=None,
              only: set[str] | None = None, cluster: str | None = None) -> list[dict]:
    """Grade every student not already up to date; return every student's record, in order.
    `only`: grade just these students; everyone else's stored result is kept as it is (a
    student without one is left out), and the result a regrade replaces is kept beside it.
    `cluster`: the address of a Dask scheduler whose workers grade instead of local slots."""
    from grader.slots import Task, grade_in_slots

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
            from grader.cluster import grade_on_cluster

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
