"""`grade merge OUT SHARD_OUT...`: the shards of one class put back together.

Each shard's --out holds its students' results (results/<id>.json) and shard.json
(shards.py). Merging checks, in this order, that the shards make exactly one class, and
says the first thing that does not, naming the folders: one grader and course (the
fingerprint every result carries) and one exercise selection; one class listing; one split
(same N); no student in two shards; every part present; every student of every part graded.
The records come back in the class's order, so the class files written from them are the
ones a single run writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.classroom.batch import ResultStore
from grader.classroom.shards import ShardError, read_manifest


class MergeError(Exception):
    """The shards given do not make one class: the message says why and what to do."""


@dataclass
class MergedClass:
    records: list[dict]  # every student's stored record, in the order a single run lists them
    exercise_names: list[str]
    course_title: str
    shards: int


def _names(folders: list[Path], limit: int = 3) -> str:
    shown = ", ".join(str(f) for f in folders[:limit])
    return shown + (f" and {len(folders) - limit} more" if len(folders) > limit else "")


def merge_shards(folders: list[Path]) -> MergedClass:
    if not folders:
        raise MergeError("name the --out folder of every shard")
    manifests = []
    for folder in folders:
        try:
            manifests.append((Path(folder), read_manifest(folder)))
        except ShardError as exc:
            raise MergeError(str(exc)) from None
    first_folder, first = manifests[0]

    def differing(key) -> None:
        for folder, manifest in manifests[1:]:
            if key(manifest) != key(first):
                return folder, manifest
        return None

    found = differing(lambda m: m["version"])
    if found:
        raise MergeError(f"{first_folder} and {found[0]} were graded by different versions of the grader or "
                         "course (their fingerprints differ): regrade the older shards with the same version, "
                         "then merge")
    found = differing(lambda m: m["selected"])
    if found:
        raise MergeError(f"{first_folder} was graded with {' '.join(first['selected'])} and {found[0]} with "
                         f"{' '.join(found[1]['selected'])}: grade every shard with the same exercises")
    found = differing(lambda m: (m["class"]["students"], m["class"]["digest"]))
    if found:
        raise MergeError(f"{first_folder} and {found[0]} were graded from different class listings "
                         f"({first['class']['students']} and {found[1]['class']['students']} students, or the same "
                         "number with different names): grade every shard from the same SUBMISSIONS")
    found = differing(lambda m: m["count"])
    if found:
        raise MergeError(f"{first_folder} is shard {first['shard']} and {found[0]} is shard {found[1]['shard']}: "
                         "merge the N shards of one split")

    owner: dict[str, Path] = {}
    overlapping: dict[tuple[Path, Path], list[str]] = {}
    for folder, manifest in manifests:
        for _, student in manifest["students"]:
            if student in owner:
                overlapping.setdefault((owner[student], folder), []).append(student)
            else:
                owner[student] = folder
    if overlapping:
        (one, other), students = next(iter(overlapping.items()))
        named = ", ".join(students[:5]) + (f" and {len(students) - 5} more" if len(students) > 5 else "")
        raise MergeError(f"{one} and {other} overlap: {named} graded in both; give each shard's folder once")
    indexes: dict[int, Path] = {}
    for folder, manifest in manifests:
        if manifest["index"] in indexes:  # (two copies of a part with no student in it)
            raise MergeError(f"{indexes[manifest['index']]} and {folder} are both shard {manifest['shard']}; "
                             "give each shard's folder once")
        indexes[manifest["index"]] = folder
    missing = [f"{index}/{first['count']}" for index in range(1, first["count"] + 1) if index not in indexes]
    if missing:
        raise MergeError(f"shard {', '.join(missing[:10])}{' …' if len(missing) > 10 else ''} missing: merge "
                         f"the folders of all {first['count']} shards")

    placed: dict[int, dict] = {}
    for folder, manifest in manifests:
        store = ResultStore(folder)
        unfinished, stale = [], []
        for position, student in manifest["students"]:
            record = store.load(student)
            if record is None:
                unfinished.append(student)
            elif record.get("version") != manifest["version"] or record.get("selected") != manifest["selected"]:
                stale.append(student)
            else:
                placed[position] = record
        if unfinished:
            raise MergeError(f"shard {manifest['shard']} in {folder} is unfinished: {len(unfinished)} of its "
                             f"{len(manifest['students'])} students have no result (first: {unfinished[0]}); "
                             "run that shard again with --resume")
        if stale:
            raise MergeError(f"shard {manifest['shard']} in {folder}: the results of {_names(stale)} were graded "
                             "by another version of the grader, course or exercise selection than the shard; "
                             "run that shard again with --resume")
    if sorted(placed) != list(range(first["class"]["students"])):
        raise MergeError(f"the shards do not cover the class of {first['class']['students']} students "
                         f"({len(placed)} results): grade every shard from the same SUBMISSIONS")
    return MergedClass([placed[n] for n in sorted(placed)], list(first["selected"]), first["course_title"],
                       first["count"])


def save_merged(out: Path, merged: MergedClass) -> None:
    """The merged records as OUT/results/<id>.json, so that `--resume` and `--only` work on OUT."""
    store = ResultStore(out)
    for record in merged.records:
        store.save(record)
