"""A class's download as the layouts read it (grader/classroom/layouts.py): one `Entry` per
student, keyed by the LMS's own id, and the notes on whatever was skipped or decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class LayoutError(Exception):
    """The download cannot be read as the layout asked for: the message says why."""


@dataclass
class Entry:
    """One student as the layout found them."""

    id: str  # the LMS's key
    entry: Path | None = None  # their folder or zip (None until a flat layout is staged)
    files: dict[str, tuple[Path, str | None]] = field(default_factory=dict)  # name -> (file or zip, member)
    submitted_at: datetime | None = None
    late: bool = False  # the LMS marked it late (Canvas), whatever the time
    label: str = ""  # how the LMS names them (a full name), for notes


@dataclass
class Download:
    layout: str
    entries: list[Entry]
    notes: list[str]  # skipped and decided, to be said before grading
