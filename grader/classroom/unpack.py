"""Unpacking a student's submission safely: zips with size and member limits, no path
outside the target, and the folder that holds the exercise files (one level down is fine).
Used by `grade batch` when it lists students and by the job slots that grade them.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

MAX_ZIP_BYTES = 50 * 1024**2
MAX_ZIP_MEMBERS = 2000
IGNORED_NAMES = {"__MACOSX", "__pycache__", ".DS_Store"}


class BadArchive(Exception):
    """A zip that is unsafe or unreadable: the student gets this as the verdict."""


def unpack_zip(archive: Path, target: Path) -> None:
    """Unpack safely: no absolute paths or `..`, no symlinks, bounded size and count."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise BadArchive(f"the zip holds {len(members)} entries (limit {MAX_ZIP_MEMBERS})")
            if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                raise BadArchive(f"the zip unpacks to more than {MAX_ZIP_BYTES // 1024**2} MiB")
            root = target.resolve()
            for member in members:
                mode = member.external_attr >> 16
                if stat.S_ISLNK(mode):
                    raise BadArchive(f"the zip holds a symlink ({member.filename}); refused")
                destination = (root / member.filename).resolve()
                if not destination.is_relative_to(root) or member.filename.startswith("/"):
                    raise BadArchive(f"the zip holds a path outside its folder ({member.filename}); refused")
                if member.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as source, open(destination, "wb") as out:
                    _copy_limited(source, out, member.file_size)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise BadArchive(f"the zip could not be read ({exc})") from None


def _copy_limited(source, out, declared: int) -> int:
    """Copy at most the declared size (+ slack): a lying header cannot unpack a bomb."""
    limit, copied = declared + 1024, 0
    while chunk := source.read(1 << 16):
        copied += len(chunk)
        if copied > limit:
            raise BadArchive("a zip entry is larger than its header says; refused")
        out.write(chunk)
    return copied


def exercise_file_names(filenames: list[str]) -> list[str]:
    """The names an exercise file may have: `ex3.py`, or the notebook `ex3.ipynb`."""
    return [name for filename in filenames for name in (filename, str(Path(filename).with_suffix(".ipynb")))]


def holds_exercise_files(folder: Path, filenames: list[str]) -> bool:
    return any((folder / name).exists() or (folder / name).is_symlink() for name in exercise_file_names(filenames))


def submission_folder(root: Path, filenames: list[str]) -> Path:
    """The folder holding the exercise files: the entry itself, or its one subfolder that does."""
    if holds_exercise_files(root, filenames):
        return root
    candidates = [d for d in root.iterdir() if d.is_dir() and not d.is_symlink()
                  and d.name not in IGNORED_NAMES and not d.name.startswith(".")
                  and holds_exercise_files(d, filenames)]
    return candidates[0] if len(candidates) == 1 else root


def lone_archive(folder: Path, filenames: list[str]) -> Path | None:
    """The one .zip of a student folder that holds no exercise file (an LMS download puts each
    student's upload in a folder of its own), else None."""
    if holds_exercise_files(submission_folder(folder, filenames), filenames):
        return None
    archives = [p for p in folder.iterdir() if p.suffix.lower() == ".zip" and p.is_file() and not p.is_symlink()]
    return archives[0] if len(archives) == 1 else None
