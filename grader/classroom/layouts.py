"""What an LMS's download looks like, read as one entry per student keyed by the LMS's own id.

`grade batch SUBMISSIONS` takes the download as the LMS made it. Each layout says who a file
or folder belongs to, and by which key the LMS's gradebook knows them:

  folders      one folder or .zip per student (named by the student id)
  canvas       "Download Submissions": files named `<name>_<userid>_<submissionid>_<file>`
  moodle       "Download all submissions": a folder (or files) per participant
  blackboard   "Assignment File Download": files and a receipt per attempt
               (these three, whose files the LMS names: layouts_flat.py)
  gradescope   "Export Submissions": `submission_metadata.yml` beside a folder per submission
               (layouts_gradescope.py)
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

import shutil
import zipfile
from pathlib import Path

# LayoutError: used by grader.cli too, which imports it from here
from grader.classroom.download import Download, Entry, LayoutError
from grader.classroom.layouts_flat import (BLACKBOARD, CANVAS, MOODLE, read_blackboard, read_canvas, read_moodle,
                                           top_files)
from grader.classroom.layouts_gradescope import gradescope_root, read_gradescope
from grader.classroom.unpack import IGNORED_NAMES, exercise_file_names

LAYOUTS = ("auto", "folders", "canvas", "moodle", "blackboard", "gradescope", "classroom")
STAGED = "submissions"  # OUT/submissions/<id>/: the flat layouts' files put together per student


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
    if archive is None and gradescope_root(root) is not None:
        return "gradescope"
    files = [f.name for f in top_files(root, archive)]
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
        download = read_canvas(root, archive, wanted)
    elif chosen == "blackboard":
        download = read_blackboard(root, archive, wanted)
    elif chosen == "moodle":
        download = read_moodle(root, archive, wanted)
    elif chosen == "gradescope":
        download = read_gradescope(root)
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
