"""What OUT remembers of the options a class was graded with, so that a later `--only` or
`--resume` writes the same class files as a full rerun: the roster (a copy of the file as the
LMS exported it, and its options) and the late policy with the submission times given.
Kept in OUT/batch-settings.json and OUT/roster-as-exported.<ext>; options given again replace them."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

SETTINGS = "batch-settings.json"
ROSTER_COPY = "roster-as-exported"


def load(out: Path) -> dict:
    try:
        data = json.loads((Path(out) / SETTINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(out: Path, settings: dict, roster_source: Path | None = None) -> None:
    """Write the settings; `roster_source`: the roster file given this time, copied into OUT."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if roster_source is not None:
        copy = out / (ROSTER_COPY + (Path(roster_source).suffix or ".csv"))
        if Path(roster_source).resolve() != copy.resolve():
            temporary = copy.with_name(copy.name + ".tmp")
            shutil.copyfile(roster_source, temporary)
            os.replace(temporary, copy)
        settings["roster"]["file"] = copy.name
    temporary = out / (SETTINGS + ".tmp")
    temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, out / SETTINGS)


def roster_file(out: Path, settings: dict) -> Path | None:
    roster = settings.get("roster") or {}
    return Path(out) / roster["file"] if roster.get("file") else None
