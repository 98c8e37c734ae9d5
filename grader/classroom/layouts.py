"""What an LMS's download looks like, read as one entry per student keyed by the LMS's own id.

`grade batch SUBMISSIONS` takes the download as the LMS made it. Each layout says who a file
or folder belongs to, and by which key the LMS's gradebook knows them:

  folders      one folder or .zip per student (named by the student id)
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
  gradescope   "Export Submissions": `submission_metadata.yml` beside a `submission_<id>/` folder
               per submission. Key: each submitter's SID (their email when it has none); the
               submission's `:created_at:` is its time.
  classroom    GitHub Classroom's student repositories, `<assignment-prefix>-<username>`. Key: the
               GitHub username (the classroom roster's `github_username`).

A layout is chosen by looking (`sniff`) unless `--layout` names one. The flat layouts (Canvas,
Blackboard, flat Moodle) are put together per student into OUT/submissions/<id>/ under the
files' own names (`stage`): what is graded there is exactly what the student handed in, and
`--resume` fingerprints it like any folder. Whatever cannot be read unambiguously (a file
that matches no pattern, two uploads that claim one name, older attempts) is listed in
`notes`, never decided silently.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from grader.classroom.unpack import IGNORED_NAMES, exercise_file_names

LAYOUTS = ("auto", "folders", "canvas", "moodle", "blackboard", "gradescope", "classroom")
GRADESCOPE_METADATA = "submission_metadata.yml"
STAGED = "submissions"  # OUT/submissions/<id>/: the flat layouts' files put together per student

CANVAS = re.compile(r"(?P<name>[^_]+?)(?P<late>_late)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)", re.I)
CANVAS_NUMBERED = re.compile(r"(?P<stem>.+)-(?P<n>\d+)(?P<suffix>\.[^.]+)")
MOODLE = re.compile(r"(?P<name>.+)_(?P<participant>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)")
BLACKBOARD = re.compile(r"(?P<assignment>.+)_(?P<user>[^_]+)_attempt_"
                        r"(?P<when>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<file>.+)|(?P<receipt>\.txt))")


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


# ---------------------------------------------------------------- the flat layouts' files


@dataclass
class _File:
    name: str  # its name in the download
    source: tuple[Path, str | None]


def _top_files(root: Path, archive: Path | None) -> list[_File]:
    """The download's files: a folder's, or the members of its .zip (one folder down in either)."""
    if archive is not None:
        try:
            with zipfile.ZipFile(archive) as zf:
                names = [m.filename for m in zf.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise LayoutError(f"{archive.name} could not be read as a zip ({exc})") from None
        files = [_File(Path(n).name, (archive, n)) for n in names
                 if not any(part in IGNORED_NAMES or part.startswith(".") for part in Path(n).parts)]
        return files
    return [_File(p.name, (p, None)) for p in sorted(root.iterdir())
            if p.is_file() and not p.is_symlink() and not p.name.startswith(".") and p.name not in IGNORED_NAMES]


def _numbered(name: str, wanted: set[str]) -> tuple[str, int]:
    """An LMS's numbered duplicate of an exercise file (`ex3-1.py`: the 2nd upload) -> (ex3.py, 1)."""
    match = CANVAS_NUMBERED.fullmatch(name)
    if match and match["stem"] + match["suffix"] in wanted:
        return match["stem"] + match["suffix"], int(match["n"])
    return name, 0


def _put_together(entries: dict[str, Entry], owner: str, file: _File, name: str, wanted: set[str],
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


def _canvas(root: Path, archive: Path | None, wanted: set[str]) -> Download:
    entries: dict[str, Entry] = {}
    notes: list[str] = []
    numbers: dict[tuple[str, str], int] = {}
    submissions: dict[str, set[str]] = {}
    for file in _top_files(root, archive):
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


def _blackboard(root: Path, archive: Path | None, wanted: set[str]) -> Download:
    attempts: dict[str, dict[str, list[_File]]] = {}  # user -> attempt time -> its files
    notes: list[str] = []
    for file in _top_files(root, archive):
        match = BLACKBOARD.fullmatch(file.name)
        if match is None:
            notes.append(f"{file.name} skipped: not named as Blackboard names an attempt "
                         "(<assignment>_<username>_attempt_<date>_<file>)")
            continue
        files = attempts.setdefault(match["user"], {}).setdefault(match["when"], [])
        if not match["receipt"]:
            files.append(_File(match["file"], file.source))
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


def _moodle(root: Path, archive: Path | None, wanted: set[str]) -> Download:
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
    for file in _top_files(root, archive):
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


# ---------------------------------------------------------------- Gradescope's export


def _gradescope_root(root: Path) -> Path | None:
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


def _gradescope(root: Path) -> Download:
    export = _gradescope_root(root)
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


# ---------------------------------------------------------------- GitHub Classroom


def classroom_prefix(names: list[str]) -> str:
    """The assignment's repository prefix: the names' common start, up to its last hyphen."""
    if len(names) < 2:
        return names[0].rsplit("-", 1)[0] + "-" if names and "-" in names[0] else ""
    start = names[0]
    for name in names[1:]:
        while not name.startswith(start):
            start = start[:-1]
    return start[:start.rfind("-") + 1] if "-" in start else ""


def _classroom(root: Path) -> Download:
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()
                     and not p.name.startswith(".") and p.name not in IGNORED_NAMES)
    prefix = classroom_prefix([p.name for p in folders])
    if not prefix:
        raise LayoutError(f"the folders of {root} share no repository prefix (<assignment>-<username>): "
                          "not GitHub Classroom's student repositories")
    notes = []
    if len(folders) == 1:
        notes.append(f"one repository only: its prefix is taken to be {prefix!r} (a username may hold hyphens)")
    entries = [Entry(p.name[len(prefix):], p) for p in folders if p.name[len(prefix):]]
    return Download("classroom", entries, notes)


# ---------------------------------------------------------------- one folder or zip per student


def _folders(root: Path) -> Download:
    entries: dict[str, Entry] = {}
    notes = []
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name in IGNORED_NAMES:
            continue
        if path.is_symlink() or path.is_dir():  # a symlink is refused when graded
            entry = Entry(path.name, path)
        elif path.suffix.lower() == ".zip":
            entry = Entry(path.stem, path)
        else:
            notes.append(f"{path.name} skipped: SUBMISSIONS should hold one folder or .zip per student")
            continue
        kept = entries.setdefault(entry.id, entry)
        if kept is not entry:
            archive, folder = (entry, kept) if entry.entry.is_file() else (kept, entry)
            entries[entry.id] = folder
            notes.append(f"{archive.entry.name} skipped: the folder {folder.entry.name}/ is graded for {entry.id}")
    return Download("folders", list(entries.values()), notes)


# ---------------------------------------------------------------- choosing


def sniff(root: Path, archive: Path | None = None) -> str:
    """The layout the download looks like (the one that claims most of its entries)."""
    if archive is None and _gradescope_root(root) is not None:
        return "gradescope"
    files = [f.name for f in _top_files(root, archive)]
    folders = [] if archive is not None else [p for p in root.iterdir() if p.is_dir() and not p.is_symlink()
                                              and not p.name.startswith(".") and p.name not in IGNORED_NAMES]
    claims = {"canvas": sum(bool(CANVAS.fullmatch(n)) for n in files),
              "blackboard": sum(bool(BLACKBOARD.fullmatch(n)) for n in files),
              "moodle": sum(bool(MOODLE.fullmatch(n)) for n in files + [p.name for p in folders])}
    best = max(claims, key=lambda k: claims[k])
    if claims[best] and claims[best] * 2 >= len(files) + len(folders):
        return best
    if len(folders) >= 2 and all((p / ".git").exists() for p in folders) and classroom_prefix([p.name for p in folders]):
        return "classroom"
    return "folders"


def read_download(root: Path, layout: str, filenames: list[str], archive: Path | None = None) -> Download:
    """Every student of the download, by the LMS's key. `archive`: the download is this .zip (its
    members are read in place; `root` is then only its name's folder)."""
    wanted = set(exercise_file_names(filenames))
    chosen = sniff(root, archive) if layout == "auto" else layout
    if archive is not None and chosen not in ("canvas", "blackboard", "moodle"):
        raise LayoutError(f"{archive.name}: a .zip download is read for Canvas, Moodle and Blackboard; "
                          "unzip it first for the other layouts")
    if chosen == "canvas":
        download = _canvas(root, archive, wanted)
    elif chosen == "blackboard":
        download = _blackboard(root, archive, wanted)
    elif chosen == "moodle":
        download = _moodle(root, archive, wanted)
    elif chosen == "gradescope":
        download = _gradescope(root)
    elif chosen == "classroom":
        download = _classroom(root)
    else:
        download = _folders(root)
    download.entries.sort(key=lambda e: e.id)
    return download


def stage(download: Download, out: Path, max_bytes: int) -> None:
    """The flat layouts' files copied into OUT/submissions/<id>/ under their own names (a
    file inside the download's .zip read with a size limit); every entry then has a folder."""
    folder = Path(out) / STAGED
    for entry in download.entries:
        if entry.entry is not None:
            continue
        target = folder / entry.id.replace("/", "_")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name, (path, member) in entry.files.items():
            if member is None:
                shutil.copyfile(path, target / name, follow_symlinks=False)
                continue
            with zipfile.ZipFile(path) as zf, zf.open(member) as source, open(target / name, "wb") as sink:
                copied = 0
                while chunk := source.read(1 << 16):
                    copied += len(chunk)
                    if copied > max_bytes:
                        raise LayoutError(f"{member} in {path.name} is larger than {max_bytes // 1024**2} MiB")
                    sink.write(chunk)
        entry.entry = target
