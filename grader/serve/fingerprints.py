"""What a server's grades depend on, as fingerprints a `grade` command and a server compare:
the engine (the grader's files, Python, torch) and the course. A server whose fingerprints
are not the command's is stale: it stops, and a fresh one grades.

Stats only, no reading, and nothing heavy imported: this runs in every `grade` invocation.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from grader.serve.serverwire import PROTOCOL

GRADER_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage


def engine_fingerprint() -> str:
    """What a server's grades depend on besides the course and the submission: the grader's
    code and the Python and torch in use. A file replaced (reinstall), edited (mtime) or
    resized changes it. Stats only, no reading: ~1 ms."""
    files = sorted(GRADER_DIR.rglob("*.py")) + sorted(GRADER_DIR.rglob("*.ini")) + _torch_files() + \
        [Path(sys.executable).resolve()]
    return _stat_digest(f"{PROTOCOL}\0{sys.version}\0{sys.executable}", files)


def course_fingerprint(course_root: Path) -> str:
    """The course's checks, catalogs, references and recorded answers, as on disk now."""
    files = []
    for part in ("course.toml", "assignments", "reference"):
        path = course_root / part
        files += sorted(path.rglob("*")) if path.is_dir() else [path]
    return _stat_digest(str(course_root), [f for f in files if "__pycache__" not in f.parts])


def _stat_digest(head: str, files: list[Path]) -> str:
    digest = hashlib.sha256(head.encode())
    for path in files:
        try:
            info = path.stat()
            digest.update(f"{path}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}\0missing\n".encode())
    return digest.hexdigest()


def _torch_files() -> list[Path]:
    import importlib.util

    spec = importlib.util.find_spec("torch")  # finds, does not import
    if spec is None or not spec.submodule_search_locations:
        return []
    return [Path(next(iter(spec.submodule_search_locations))) / "version.py"]
