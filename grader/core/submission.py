"""Finding and reading a student's file safely, before anything runs.

The grader reads the source itself and sends it to the worker, so the worker never needs
the submission folder. A symlink that leads outside the folder is refused, never followed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from grader.core.notebook import NotebookError, read_notebook
from grader.core.static import SourceInfo


@dataclass
class Submission:
    """A student's module, read and parsed by the grader (never executed here)."""

    filename: str  # as the student knows it: "ex3.py" (or "ex3.ipynb")
    module: str  # "ex3"
    source: str
    cells: list[tuple[str, str]] | None = None  # a notebook's code cells: (label, source)
    notes: list[str] = field(default_factory=list)  # said once in the report (dropped magics)


MAX_SOURCE_BYTES = 1024 * 1024
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024  # notebooks carry their outputs (plots)


class BadSubmission(Exception):
    """The file cannot be graded at all: missing, unreadable, or not valid Python."""

    def __init__(self, message: str, *, missing: bool = False):
        super().__init__(message)
        self.missing = missing  # no such file at all (not started, or not handed in)


def read_submission(folder: Path, filename: str) -> tuple[Submission, SourceInfo]:
    """Read `ex3.py`, or `ex3.ipynb` when there is no `ex3.py`."""
    folder = Path(folder)
    path = folder / filename
    notebook = path.with_suffix(".ipynb")
    if not _present(path) and _present(notebook):
        return _read_notebook(folder, notebook)
    if not _present(path):
        raise BadSubmission(f"no {filename} submitted (looked in {folder})", missing=True)
    text = _read_text(folder, path)
    try:
        info = SourceInfo(text, filename)
    except SyntaxError as exc:
        where = f" on line {exc.lineno}" if exc.lineno else ""
        line = f": {exc.text.strip()[:80]}" if exc.text and exc.text.strip() else ""
        raise BadSubmission(f"{filename} has a syntax error{where} ({exc.msg}){line}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise BadSubmission(f"{filename} could not be parsed: {exc}") from None
    return Submission(filename, Path(filename).stem, text), info


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _read_notebook(folder: Path, path: Path) -> tuple[Submission, SourceInfo]:
    try:
        notebook = read_notebook(_read_text(folder, path), path.name)
        info = SourceInfo(notebook.source, path.name)
    except NotebookError as exc:
        raise BadSubmission(str(exc)) from None
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise BadSubmission(f"{path.name} could not be parsed: {exc}") from None
    return Submission(path.name, path.stem, notebook.source, cells=notebook.cells, notes=notebook.notes), info


def _read_text(folder: Path, path: Path) -> str:
    filename = path.name
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            raise BadSubmission(f"{filename} is a symlink pointing outside the submission folder; "
                                "refused (submit the file itself)")
        path = target
    if not path.is_file():
        raise BadSubmission(f"{filename} is not a regular file")
    return _read_bytes(path, filename)


def _read_bytes(path: Path, filename: str) -> str:
    limit = MAX_NOTEBOOK_BYTES if filename.endswith(".ipynb") else MAX_SOURCE_BYTES
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise BadSubmission(f"{filename} could not be read: {exc.strerror}") from None
    if len(raw) > limit:
        raise BadSubmission(f"{filename} is larger than {limit // 1024} KiB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadSubmission(f"{filename} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
