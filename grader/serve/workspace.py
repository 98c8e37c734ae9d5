"""A student's workspace: the folder `grade init` made, found again from anywhere inside it.

The marker file `.grade-workspace.json` also remembers the course it was made from (when that
is not the installed package's own), what the student has seen (the next hint per exercise)
and the last score per exercise (for `grade list`).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MARKER = ".grade-workspace.json"


class Workspace:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.marker = self.folder / MARKER

    @classmethod
    def find(cls, start: Path | None = None) -> "Workspace | None":
        """The nearest workspace at or above `start` (the current folder by default)."""
        here = Path(start or Path.cwd()).resolve()
        for folder in [here, *here.parents]:
            if (folder / MARKER).is_file():
                return cls(folder)
        return None

    @classmethod
    def create(cls, folder: Path, template: Path, course: Path | None = None) -> tuple["Workspace", list[str], list[str]]:
        """Copy the templates in, never overwriting a file; remember `course` (the course's
        folder, when it must be found again from inside the workspace). Returns (workspace,
        copied, kept)."""
        folder.mkdir(parents=True, exist_ok=True)
        copied, kept = [], []
        for source in sorted(template.glob("*.py")):
            target = folder / source.name
            if target.exists():
                kept.append(source.name)
            else:
                shutil.copy(source, target)
                copied.append(source.name)
        workspace = cls(folder)
        data = workspace._load() if workspace.marker.exists() else {"hints": {}, "last": {}}
        if course is not None:
            data["course"] = str(Path(course).resolve())
        workspace._save(data)
        return workspace, copied, kept

    @property
    def course(self) -> Path | None:
        """The course folder `grade init` recorded, if any (and if it still exists)."""
        recorded = self._load().get("course")
        if not isinstance(recorded, str) or not os.path.isabs(recorded):
            return None  # a relative path would depend on where `grade` runs
        return Path(recorded) if Path(recorded).is_dir() else None

    def _load(self) -> dict:
        try:
            data = json.loads(self.marker.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self, data: dict) -> None:
        temporary = self.marker.with_name(MARKER + ".tmp")
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(temporary, self.marker)

    def next_hint(self, exercise: str, available: int) -> int:
        """Index of the hint to show now (0-based); each call moves on, stopping at the last."""
        data = self._load()
        hints = data.setdefault("hints", {})
        index = min(int(hints.get(exercise, 0)), available - 1)
        hints[exercise] = index + 1
        self._save(data)
        return index

    def remember(self, exercise: str, score: float, max_score: float, all_passed: bool) -> None:
        data = self._load()
        data.setdefault("last", {})[exercise] = {"score": score, "max_score": max_score, "passed": all_passed}
        self._save(data)

    def last(self, exercise: str) -> dict | None:
        return self._load().get("last", {}).get(exercise)
