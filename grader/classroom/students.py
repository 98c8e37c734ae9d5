"""Who a student is to the class tools, and what of the instructor's machine they must not see.

A `Student` is one LMS entry (a folder or a zip). Its fingerprint and the course's decide
whether a stored result is still good (`--resume`, a cluster's refusal of a changed course);
`private_paths` lists the paths of this machine a record must not carry and what the student
is shown instead. Shared by the local batch and the cluster, so neither imports the other.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.classroom.unpack import lone_archive
from grader.grading.course import ENGINE_DIR, Course


@dataclass
class Student:
    id: str  # the LMS's key: the entry's name ("alice", a zip's name without .zip), a Canvas user id...
    entry: Path  # the folder or the zip
    submitted_at: datetime | None = None  # when the layout says it was handed in
    late: bool = False  # the LMS marked it late


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
    engine = sorted(ENGINE_DIR.rglob("*.py")) + sorted(ENGINE_DIR.rglob("*.ini"))
    for path in engine:
        digest.update(b"grader/" + str(path.relative_to(ENGINE_DIR)).encode() + b"\0" + _file_digest(path).encode())
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
