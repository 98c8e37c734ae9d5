"""`grade batch --shard I/N`: a deterministic I-th of N parts of a class, for job arrays.

A student's part is chosen from a stable hash of their id (sha256, never Python's salted
`hash`), so every machine, every listing order and every later run agree, and a student
added late lands in one part without moving anyone else. Each shard's --out gets
`shard.json`: which part it is, of which class listing (the ids in the class's order, as a
digest), graded by which grader and course, and the class position of each of its
students, so that `grade merge` (merge.py) can put one class back together in the order
a single run writes, and refuse shards that do not make one class.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "shard.json"
MAX_SHARDS = 100_000


class ShardError(Exception):
    """A shard given or found that cannot be used: the message says why."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1 .. count
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """`2/3` -> Shard(2, 3). Job arrays count from 0 or 1: say which is wanted."""
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not found:
        raise ShardError(f"{text!r} is not I/N (the I-th of N parts, e.g. 2/3)")
    index, count = int(found.group(1)), int(found.group(2))
    if not 1 <= count <= MAX_SHARDS:
        raise ShardError(f"{text}: N must be between 1 and {MAX_SHARDS}")
    if not 1 <= index <= count:
        raise ShardError(f"{text}: I counts from 1 to N (a job array counting from 0 passes its index + 1)")
    return Shard(index, count)


def shard_of(student_id: str, count: int) -> int:
    """The part (1 .. count) a student belongs to."""
    digest = hashlib.sha256(student_id.encode("utf-8", "surrogateescape")).digest()
    return 1 + int.from_bytes(digest[:8], "big") % count


def select(students: list, shard: Shard) -> list:
    """The students (anything with an `id`) of this part, in the class's order."""
    return [s for s in students if shard_of(s.id, shard.count) == shard.index]


def class_digest(ids: list[str]) -> str:
    """The class listing, in order: shards graded from different listings do not merge."""
    return hashlib.sha256("\0".join(ids).encode("utf-8", "surrogateescape")).hexdigest()


def write_manifest(out: Path, shard: Shard, class_ids: list[str], part_ids: list[str], version: str,
                   exercise_names: list[str], course_title: str) -> None:
    """OUT/shard.json, written (atomically) before any student of the part is graded."""
    position = {student: n for n, student in enumerate(class_ids)}
    manifest = {"shard": str(shard), "index": shard.index, "count": shard.count,
                "class": {"students": len(class_ids), "digest": class_digest(class_ids)},
                "version": version, "selected": list(exercise_names), "course_title": course_title,
                "students": [[position[student], student] for student in part_ids]}
    path = Path(out) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def read_manifest(out: Path) -> dict:
    path = Path(out) / MANIFEST
    if not path.is_file():
        raise ShardError(f"{out} holds no {MANIFEST}: it was not graded with `grade batch --shard I/N`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        Shard(int(manifest["index"]), int(manifest["count"]))
        positions = [(int(position), str(student)) for position, student in manifest["students"]]
        manifest["class"]["students"], manifest["class"]["digest"], manifest["version"], manifest["selected"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ShardError(f"{path} is damaged ({exc.__class__.__name__}: {exc}); grade that shard again") from None
    manifest["students"] = positions
    return manifest
