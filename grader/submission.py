"""Finding and reading a student's file safely, before anything runs.

The grader reads the source itself and sends it to the worker, so the worker never needs
the submission folder. A symlink that leads outside the folder is refused, never followed.
"""

from __future__ import annotations

import os
from pathlib import Path

from grader.session import Submission
from grader.static import SourceInfo

MAX_SOURCE_BYTES = 1024 * 1024


class BadSubmission(Exception):
    """The file cannot be graded at all: missing, unreadable, or not valid Python."""


def read_submission(folder: Path, filename: str) -> tuple[Submission, SourceInfo]:
    folder = Path(folder)
    path = folder / filename
    if not path.exists() and not path.is_symlink():
        raise BadSubmission(f"no {filename} submitted (looked in {folder})")
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            raise BadSubmission(f"{filename} is a symlink pointing outside the submission folder; "
                                "refused (submit the file itself)")
        path = target
    if not path.is_file():
        raise BadSubmission(f"{filename} is not a regular file")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise BadSubmission(f"{filename} could not be read: {exc.strerror}") from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise BadSubmission(f"{filename} is larger than {MAX_SOURCE_BYTES // 1024} KiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadSubmission(f"{filename} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    try:
        info = SourceInfo(text, filename)
    except SyntaxError as exc:
        where = f" on line {exc.lineno}" if exc.lineno else ""
        line = f": {exc.text.strip()[:80]}" if exc.text and exc.text.strip() else ""
        raise BadSubmission(f"{filename} has a syntax error{where} ({exc.msg}){line}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise BadSubmission(f"{filename} could not be parsed: {exc}") from None
    return Submission(filename, Path(filename).stem, text), info
