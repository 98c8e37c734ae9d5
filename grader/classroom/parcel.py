"""A student's submission as bytes, for a grading worker on another machine (no shared
filesystem), and the entry it becomes again there.

The parcel holds what grading this entry reads, as it would read it, and nothing else: a
zip (the entry, or the lone zip an LMS put in the student's folder) as its bytes; a folder's
exercise files from the folder that holds them (the entry or its one subfolder), each
read at most one byte past the size limit a submission may have; a symlinked exercise file
as what it leads to when that stays inside the folder, else as a symlink leading out (which
is refused there as here); a symlinked entry as a symlink. So the verdicts, and the paths
the student is shown, are those of a local run. A student's other files (data sets,
virtual environments) never travel.
"""

from __future__ import annotations

import os
from pathlib import Path

from grader.core.submission import MAX_NOTEBOOK_BYTES, MAX_SOURCE_BYTES
from grader.classroom.unpack import MAX_ZIP_BYTES, exercise_file_names, lone_archive, submission_folder

# A zip this large cannot hold an accepted submission (its members unpack to at most
# MAX_ZIP_BYTES) unless it is mostly padding: it is refused before it travels.
MAX_ZIP_PARCEL_BYTES = 4 * MAX_ZIP_BYTES
OUTSIDE = "/"  # where a symlink leading outside the folder leads once unpacked: still outside


class ParcelRefused(Exception):
    """The entry is not sent; the message is the student's verdict."""


def pack(entry: Path, filenames: list[str]) -> dict:
    """{"name": the entry's name, "files": [(relative path, kind, data)]}; kind is "file"
    (data: bytes), "dir", "link" (data: the target), "unreadable" (data: the reason)."""
    entry = Path(entry)
    if entry.is_symlink():
        return {"name": entry.name, "entry": "link", "files": []}
    if not entry.is_dir():
        return {"name": entry.name, "entry": "file", "files": [("", "file", _zip_bytes(entry))]}
    archive = lone_archive(entry, filenames)
    if archive is not None:
        return {"name": entry.name, "entry": "dir", "files": [(archive.name, "file", _zip_bytes(archive))]}
    folder = submission_folder(entry, filenames)
    files = []
    for name in exercise_file_names(filenames):
        path = folder / name
        if path.exists() or path.is_symlink():
            files.append((str(path.relative_to(entry)), *_exercise_file(folder, path)))
    return {"name": entry.name, "entry": "dir", "files": files}


def _zip_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_ZIP_PARCEL_BYTES:
        raise ParcelRefused(f"the zip is larger than {MAX_ZIP_PARCEL_BYTES // 1024**2} MiB; refused")
    return path.read_bytes()


def _exercise_file(folder: Path, path: Path) -> tuple[str, object]:
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            return "link", OUTSIDE
        path = target
    if not path.is_file():
        return "dir", None  # a folder, or a link to nothing: "not a regular file" there too
    limit = MAX_NOTEBOOK_BYTES if path.suffix == ".ipynb" else MAX_SOURCE_BYTES
    try:
        with open(path, "rb") as handle:
            return "file", handle.read(limit + 1)  # one byte more still says "too large"
    except OSError as exc:
        return "unreadable", exc.strerror or str(exc)


def unpack(parcel: dict, folder: Path) -> Path:
    """Recreate the entry inside `folder` (an empty temporary folder); return its path."""
    entry = Path(folder) / _plain_name(parcel["name"])
    if parcel["entry"] == "link":
        entry.symlink_to(OUTSIDE)
        return entry
    if parcel["entry"] == "file":
        entry.write_bytes(parcel["files"][0][2])
        return entry
    entry.mkdir()
    for relative, kind, data in parcel["files"]:
        path = (entry / relative).resolve()
        if not path.is_relative_to(entry.resolve()):  # only the client's own packing makes parcels
            raise ValueError(f"parcel path outside its entry: {relative!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "file":
            path.write_bytes(data)
        elif kind == "dir":
            path.mkdir()
        elif kind == "link":
            path.symlink_to(data)
        else:  # unreadable there: unreadable here (root reads it anyway, as root would there)
            path.write_bytes(b"")
            os.chmod(path, 0)
    return entry


def _plain_name(name: str) -> str:
    if not name or name in (".", "..") or "/" in name or "\0" in name:
        raise ValueError(f"not an entry name: {name!r}")
    return name
