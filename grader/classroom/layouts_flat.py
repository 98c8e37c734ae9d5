"""The layouts whose files the LMS names after their student: Canvas, Blackboard and Moodle.

  canvas       "Download Submissions": one flat folder (or its .zip) of files named
               `<name>_<userid>_<submissionid>_<file>`, `<name>_late_<userid>_...` for late
               work; a re-upload of a file of the same name is numbered (`ex3-1.py`). Key: the
               Canvas user id (the gradebook's `ID` column).
  moodle       "Download all submissions": a folder per participant named
               `<Full Name>_<participantid>_assignsubmission_file_` (or the same prefix on every
               file when "download submissions in folders" is off). Key: the participant id (the
               grading worksheet's `Identifier`, "Participant 1234").
  blackboard   "Assignment File Download": `<Assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>`
               `_<file>` beside a `.txt` receipt per attempt. Key: the username; the attempt's
               time is the submission time; only the latest attempt is graded.

Each file is read from the download's folder or in place from its .zip and put with its
student's other files under its own name (`layouts.stage` copies them later); of numbered
re-uploads the later one is graded, and every such decision is a note.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.classroom.download import Download, Entry, LayoutError
from grader.classroom.unpack import IGNORED_NAMES

CANVAS = re.compile(r"(?P<name>[^_]+?)(?P<late>_late)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)", re.I)
CANVAS_NUMBERED = re.compile(r"(?P<stem>.+)-(?P<n>\d+)(?P<suffix>\.[^.]+)")
MOODLE = re.compile(r"(?P<name>.+)_(?P<participant>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)")
BLACKBOARD = re.compile(r"(?P<assignment>.+)_(?P<user>[^_]+)_attempt_"
                        r"(?P<when>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<file>.+)|(?P<receipt>\.txt))")


@dataclass
class DownloadFile:
    """One file of a flat download, and where it is read from (a file, or a .zip and its member)."""

    name: str  # its name in the download
    source: tuple[Path, str | None]


def top_files(root: Path, archive: Path | None) -> list[DownloadFile]:
    """The download's files: a folder's, or the members of its .zip (one folder down in either)."""
    if archive is not None:
        try:
            with zipfile.ZipFile(archive) as zf:
                names = [m.filename for m in zf.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise LayoutError(f"{archive.name} could not be read as a zip ({exc})") from None
        files = [DownloadFile(Path(n).name, (archive, n)) for n in names
                 if not any(part in IGNORED_NAMES or part.startswith(".") for part in Path(n).parts)]
        return files
    return [DownloadFile(p.name, (p, None)) for p in sorted(root.iterdir())
            if p.is_file() and not p.is_symlink() and not p.name.startswith(".") and p.name not in IGNORED_NAMES]


def _numbered(name: str, wanted: set[str]) -> tuple[str, int]:
    """An LMS's numbered duplicate of an exercise file (`ex3-1.py`: the 2nd upload) -> (ex3.py, 1)."""
    match = CANVAS_NUMBERED.fullmatch(name)
    if match and match["stem"] + match["suffix"] in wanted:
        return match["stem"] + match["suffix"], int(match["n"])
    return name, 0


def _put_together(entries: dict[str, Entry], owner: str, file: DownloadFile, name: str, wanted: set[str],
                  notes: list[str], numbers: dict[tuple[str, str], int]) -> None:
    """Add a file to its student's entry; of numbered duplicates the highest number (the later upload) wins."""
    entry = entries[owner]
    target, number = _numbered(name, wanted)
    key = (owner, target)
    if key in numbers:
        kept, dropped = (number, numbers[key]) if number > numbers[key] else (numbers[key], number)
        notes.append(f"{owner}: two uploads of {target}; graded the later one "
                     f"({_upload_name(target, kept)}), not {_upload_name(target, dropped)}")
        if number < numbers[key]:
            return
    numbers[key] = number
    entry.files[target] = file.source


def _upload_name(target: str, number: int) -> str:
    if not number:
        return target
    path = Path(target)
    return f"{path.stem}-{number}{path.suffix}"


def read_canvas(root: Path, archive: Path | None, wanted: set[str]) -> Download:
    entries: dict[str, Entry] = {}
    notes: list[str] = []
    numbers: dict[tuple[str, str], int] = {}
    submissions: dict[str, set[str]] = {}
    for file in top_files(root, archive):
        match = CANVAS.fullmatch(file.name)
        if match is None:
            notes.append(f"{file.name} skipped: not named as Canvas names a submission "
                         "(<name>_<userid>_<submissionid>_<file>)")
            continue
        user = match["user"]
        entry = entries.setdefault(user, Entry(user, label=match["name"]))
        entry.late = entry.late or bool(match["late"])
        submissions.setdefault(user, set()).add(match["submission"])
        _put_together(entries, user, file, match["file"], wanted, notes, numbers)
    for user, ids in submissions.items():
        if len(ids) > 1:
            notes.append(f"{user}: files of {len(ids)} Canvas submissions ({', '.join(sorted(ids))}) "
                         "were put together: check that only the latest was downloaded")
    return Download("canvas", list(entries.values()), notes)


def read_blackboard(root: Path, archive: Path | None, wanted: set[str]) -> Download:
    attempts: dict[str, dict[str, list[DownloadFile]]] = {}  # user -> attempt time -> its files
    notes: list[str] = []
    for file in top_files(root, archive):
        match = BLACKBOARD.fullmatch(file.name)
        if match is None:
            notes.append(f"{file.name} skipped: not named as Blackboard names an attempt "
                         "(<assignment>_<username>_attempt_<date>_<file>)")
            continue
        files = attempts.setdefault(match["user"], {}).setdefault(match["when"], [])
        if not match["receipt"]:
            files.append(DownloadFile(match["file"], file.source))
    entries = []
    for user, by_time in attempts.items():
        latest = max(by_time)
        older = sorted(t for t in by_time if t != latest)
        if older:
            notes.append(f"{user}: {len(by_time)} attempts; graded the latest ({latest}), not "
                         + ", ".join(older))
        entry = Entry(user, submitted_at=datetime.strptime(latest, "%Y-%m-%d-%H-%M-%S"))
        numbers: dict[tuple[str, str], int] = {}
        for file in by_time[latest]:
            _put_together({user: entry}, user, file, file.name, wanted, notes, numbers)
        entries.append(entry)
    return Download("blackboard", entries, notes)


def read_moodle(root: Path, archive: Path | None, wanted: set[str]) -> Download:
    entries: dict[str, Entry] = {}
    notes: list[str] = []
    numbers: dict[tuple[str, str], int] = {}
    if archive is None:
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()):
            match = MOODLE.fullmatch(folder.name)
            if folder.name.startswith(".") or folder.name in IGNORED_NAMES:
                continue
            if match is None or match["file"]:
                notes.append(f"{folder.name}/ skipped: not named as Moodle names a participant's folder "
                             "(<Full Name>_<id>_assignsubmission_file_)")
            elif match["plugin"] != "file":
                notes.append(f"{folder.name}/ skipped: Moodle's {match['plugin']} part is not graded")
            elif match["participant"] in entries:
                notes.append(f"{folder.name}/ skipped: a second folder for participant {match['participant']}")
            else:
                entries[match["participant"]] = Entry(match["participant"], folder, label=match["name"])
    for file in top_files(root, archive):
        match = MOODLE.fullmatch(file.name)
        if match is None or not match["file"] or match["plugin"] != "file":
            notes.append(f"{file.name} skipped: not named as Moodle names a submitted file")
            continue
        participant = match["participant"]
        entry = entries.setdefault(participant, Entry(participant, label=match["name"]))
        if entry.entry is not None:
            notes.append(f"{file.name} skipped: participant {participant} also has a folder")
            continue
        _put_together(entries, participant, file, match["file"], wanted, notes, numbers)
    return Download("moodle", list(entries.values()), notes)
