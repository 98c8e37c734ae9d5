"""Gradescope's "Export Submissions": `submission_metadata.yml` beside a `submission_<id>/`
folder per submission. Key: each submitter's SID (their email when it has none); the
submission's `:created_at:` is its time. A group submission is graded for each submitter.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from grader.classroom.download import Download, Entry, LayoutError

GRADESCOPE_METADATA = "submission_metadata.yml"


def gradescope_root(root: Path) -> Path | None:
    """The folder holding submission_metadata.yml: SUBMISSIONS or its one subfolder
    (the export unzips to assignment_<id>_export/)."""
    if (root / GRADESCOPE_METADATA).is_file():
        return root
    found = [d for d in root.iterdir() if d.is_dir() and (d / GRADESCOPE_METADATA).is_file()]
    return found[0] if len(found) == 1 else None


def read_gradescope_metadata(text: str) -> dict[str, dict]:
    """The part of submission_metadata.yml a grader needs, read without a YAML library:
    {submission folder: {"submitters": [{"name", "sid", "email"}], "created_at": text}}.
    Gradescope writes it as Ruby symbols (`:submitters:`, `- :name: ...`)."""
    found: dict[str, dict] = {}
    current = None
    person = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        if indent == 0 and line.endswith(":") and not line.startswith("-"):
            current = found.setdefault(_scalar(line[:-1]), {"submitters": [], "created_at": None})
            person = None
            continue
        if current is None:
            continue
        if line.startswith("- "):
            person = {}
            current["submitters"].append(person)
            line = line[2:].strip()
        key, _, value = line.partition(": ")
        key = key.rstrip(":").lstrip(":")
        if key in ("name", "sid", "email") and person is not None:
            person[key] = _scalar(value)
        elif key == "created_at" and indent <= 2:
            current["created_at"] = _scalar(value)
    return found


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1]
    return value.lstrip(":") if value.startswith(":") and " " not in value else value


def _parse_time(text: str | None) -> datetime | None:
    """Gradescope's `2024-05-06 09:15:00.123456789 -0700` (and ISO 8601)."""
    if not text:
        return None
    text = text.strip()
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|Z)?", text)
    if match is None:
        return None
    zone = (match[3] or "").replace("Z", "+0000").replace(":", "")
    return datetime.strptime(f"{match[1]} {match[2]} {zone}".strip(),
                             "%Y-%m-%d %H:%M:%S %z" if zone else "%Y-%m-%d %H:%M:%S")


def read_gradescope(root: Path) -> Download:
    export = gradescope_root(root)
    if export is None:
        raise LayoutError(f"{root} holds no {GRADESCOPE_METADATA}: export the submissions from Gradescope "
                          "(Review Grades > Export Submissions) and unzip them")
    try:
        metadata = read_gradescope_metadata((export / GRADESCOPE_METADATA).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{GRADESCOPE_METADATA} could not be read ({exc})") from None
    entries: list[Entry] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    for folder_name, data in metadata.items():
        folder = export / folder_name
        if not folder.is_dir() or folder.is_symlink():
            notes.append(f"{folder_name}: listed in {GRADESCOPE_METADATA} but not in the export; skipped")
            continue
        for person in data["submitters"]:
            key = person.get("sid") or person.get("email")
            if not key:
                notes.append(f"{folder_name}: a submitter with neither SID nor email ({person.get('name', '?')}); "
                             "skipped")
                continue
            if key in seen:
                notes.append(f"{key}: in both {seen[key]} and {folder_name}; graded {seen[key]}")
                continue
            seen[key] = folder_name
            entries.append(Entry(key, folder, submitted_at=_parse_time(data["created_at"]),
                                 label=person.get("name", "")))
    listed = set(metadata)
    for folder in sorted(export.iterdir()):
        if folder.is_dir() and folder.name not in listed and not folder.name.startswith("."):
            notes.append(f"{folder.name}/ skipped: not listed in {GRADESCOPE_METADATA}")
    return Download("gradescope", entries, notes)
