"""The course folders this user chose to trust, like direnv's `allow`.

A course's checks run in the grader's own process, as the user, outside every sandbox layer.
So a course that `grade` merely finds (a course.toml at or above the current folder, or a
course recorded in a workspace marker) is loaded only once the user has trusted its folder:
`grade course trust DIR`, or `grade init`/`grade new` on a course the user named. A course
named on the command line (`--course`, `$GRADER_COURSE`) or installed with the grader needs
no trust. A submission that ships a course.toml therefore never chooses its own checks.

The record is one JSON file in the user's configuration folder ($GRADER_CONFIG_DIR, else
$XDG_CONFIG_HOME/llm-grader, else ~/.config/llm-grader), mode 0600, written atomically.
Standard library only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FILE = "trusted-courses.json"


def config_dir() -> Path:
    chosen = os.environ.get("GRADER_CONFIG_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "llm-grader"


def _record() -> Path:
    return config_dir() / FILE


def trusted() -> list[Path]:
    """The trusted course folders (resolved), oldest first. An unreadable record trusts nothing."""
    try:
        data = json.loads(_record().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    courses = data.get("courses") if isinstance(data, dict) else None
    return [Path(p) for p in courses if isinstance(p, str) and os.path.isabs(p)] if isinstance(courses, list) else []


def is_trusted(folder: Path) -> bool:
    return Path(folder).resolve() in trusted()


def trust(folder: Path) -> bool:
    """Trust `folder` (resolved); False when it already was."""
    folder = Path(folder).resolve()
    known = trusted()
    if folder in known:
        return False
    _save(known + [folder])
    return True


def forget(folder: Path) -> bool:
    """Stop trusting `folder`; False when it was not trusted."""
    folder = Path(folder).resolve()
    known = trusted()
    if folder not in known:
        return False
    _save([p for p in known if p != folder])
    return True


def _save(courses: list[Path]) -> None:
    record = _record()
    record.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = record.with_name(f"{FILE}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"courses": [str(p) for p in courses]}, handle, indent=1)
    os.replace(temporary, record)
