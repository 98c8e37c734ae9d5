"""`grade batch --shard I/N` and `grade merge`: three shards of a small mixed class, merged,
give exactly the files one run gives; shards that do not make one class are refused."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EX3_POINTS, REPO, SUBMISSIONS
from grader.cli import main
from grader.classroom.shards import Shard, ShardError, parse_shard, select, shard_of

REFERENCE = (REPO / "reference" / "ex3.py").read_text()
CLASS_FILES = ("gradebook.csv", "results.json", "summary.md", "summary.html")


def make_class(root: Path) -> Path:
    """Six students, two in each of the three shards (by the hash of their names)."""
    cls = root / "class"
    for student, source in (("alice", REFERENCE),  # 3/3
                            ("bob", (SUBMISSIONS / "ex3" / "wrong_no_relu.py").read_text()),  # 3/3
                            ("heidi", "def forward(x, W1, b1, W2, b2)\n    return x\n"),  # 2/3: syntax error
                            ("mallory", "import os\nos.remove(" + repr(str(cls / "alice" / "ex3.py")) + ")\n"
                             + REFERENCE)):  # 1/3: hostile
        (cls / student).mkdir(parents=True)
        (cls / student / "ex3.py").write_text(source)
    (cls / "dave").mkdir()  # 2/3: nothing submitted
    (cls / "dave" / "notes.txt").write_text("no time")
    with zipfile.ZipFile(cls / "erin.zip", "w") as zf:  # 1/3
        zf.writestr("hw2/ex3.py", (SUBMISSIONS / "ex3" / "correct_flinear.py").read_text())
    return cls


def batch_command(cls: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(out), "-e", "ex3", "--jobs", "1",
            *extra]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One run of the whole class and the three shards, side by side (four processes at once)."""
    root = tmp_path_factory.mktemp("shards")
    cls = make_class(root)
    runs = {"single": batch_command(cls, root / "single")}
    runs.update({f"shard{i}": batch_command(cls, root / f"shard{i}", "--shard", f"{i}/3") for i in (1, 2, 3)})
    processes = {name: subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for name, command in runs.items()}
    finished = {name: (p.wait(timeout=600), *p.communicate()) for name, p in processes.items()}
    for name, (code, _, stderr) in finished.items():
        assert code == 0, f"{name}: {stderr}"
    return root, cls, finished


def merge(*args) -> object:
    return CliRunner().invoke(main, ["merge", *map(str, args)])


def _without_timing(value):
    if isinstance(value, dict):
        return {k: _without_timing(v) for k, v in value.items() if k != "timing"}
    if isinstance(value, list):
        return [_without_timing(v) for v in value]
    return value


def test_three_shards_merged_equal_one_run(graded):
    root, cls, finished = graded
    parts = {i: {r[1] for r in json.loads((root / f"shard{i}" / "shard.json").read_text())["students"]}
             for i in (1, 2, 3)}
    assert parts == {1: {"erin", "mallory"}, 2: {"dave", "heidi"}, 3: {"alice", "bob"}}
    assert "Shard 2/3: 2 of the 6 students." in finished["shard2"][2]
    merged = merge(root / "merged", root / "shard3", root / "shard1", root / "shard2")  # any order
    assert merged.exit_code == 0, merged.output
    assert "Class: 6 students" in merged.output and "Merged 3 shards" in merged.output
    single, out = root / "single", root / "merged"
    for name in CLASS_FILES:
        assert (out / name).read_bytes() == (single / name).read_bytes(), name
    feedback = sorted(p.name for p in (single / "feedback").iterdir())
    assert feedback == sorted(p.name for p in (out / "feedback").iterdir()) and len(feedback) == 6
    for name in feedback:
        assert (out / "feedback" / name).read_bytes() == (single / "feedback" / name).read_bytes(), name
    for path in (single / "results").glob("*.json"):  # OUT can be resumed like a single run's
        stored = json.loads((out / "results" / path.name).read_text(encoding="utf-8"))
        assert _without_timing(stored) == _without_timing(json.loads(path.read_text(encoding="utf-8"))), path.name
    # the verdicts themselves: the grades are real, the hostile one refused
    scores = {s["student"]: s["score"] for s in json.loads((out / "results.json").read_text())["students"]}
    assert list(scores) == ["alice", "bob", "dave", "erin", "heidi", "mallory"]
    assert scores["alice"] == scores["erin"] == EX3_POINTS and 0 < scores["bob"] < EX3_POINTS
    assert scores["dave"] == scores["heidi"] == scores["mallory"] == 0
    assert (cls / "alice" / "ex3.py").read_text() == REFERENCE
    assert str(root) not in (out / "results.json").read_text() + (out / "feedback" / "mallory.md").read_text()


def _copy(root: Path, name: str, to: str) -> Path:
    shutil.copytree(root / name, root / to, dirs_exist_ok=True)
    return root / to


def _edit_manifest(folder: Path, **changes) -> None:
    path = folder / "shard.json"
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize("case, expected", [
    ("overlap", "overlap: erin, mallory graded in both"),
    ("missing", "shard 2/3 missing"),
    ("version", "graded by different versions of the grader or course"),
    ("split", "merge the N shards of one split"),
    ("listing", "different class listings"),
    ("unfinished", "is unfinished: 1 of its 2 students have no result (first: dave); run that shard again with "
                   "--resume"),
    ("not_a_shard", "holds no shard.json: it was not graded with `grade batch --shard I/N`"),
    ("into_a_shard", "is one of the shards"),
])
def test_merge_refuses_shards_that_do_not_make_one_class(graded, case, expected):
    root, _, _ = graded
    shards = [root / "shard1", root / "shard2", root / "shard3"]
    if case == "overlap":
        shards.append(_copy(root, "shard1", "shard1-copy"))
    elif case == "missing":
        shards.remove(root / "shard2")
    elif case in ("version", "split", "listing"):
        changed = _copy(root, "shard2", f"shard2-{case}")
        _edit_manifest(changed, **{"version": {"version": "0" * 64}, "split": {"count": 4, "shard": "2/4"},
                                   "listing": {"class": {"students": 7, "digest": "0" * 64}}}[case])
        shards[1] = changed
    elif case == "unfinished":
        shards[1] = _copy(root, "shard2", "shard2-unfinished")
        (shards[1] / "results" / "dave.json").unlink()
    elif case == "not_a_shard":
        shards[1] = root / "single"
    result = merge(shards[0] if case == "into_a_shard" else root / f"merged-{case}", *shards)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output and not (root / f"merged-{case}" / "gradebook.csv").exists()


def test_a_shard_is_the_same_whatever_the_listing_order():
    class Entry:
        def __init__(self, id):
            self.id = id

    ids = [f"student{i:03d}" for i in range(300)] + ["Zoë Ng-Müller", "o'brien"]
    students = [Entry(i) for i in ids]
    shuffled = students[:]
    random.Random(1).shuffle(shuffled)
    parts = [select(students, Shard(i, 4)) for i in (1, 2, 3, 4)]
    assert sorted(len(p) for p in parts)[0] > 50  # every part gets its share
    assert sorted(s.id for p in parts for s in p) == sorted(ids)  # each student in exactly one
    for i in (1, 2, 3, 4):
        assert {s.id for s in select(shuffled, Shard(i, 4))} == {s.id for s in parts[i - 1]}
    assert shard_of("alice", 3) == 3  # fixed forever: shards graded by different runs must agree


@pytest.mark.parametrize("text, message", [("0/3", "I counts from 1 to N"), ("4/3", "I counts from 1 to N"),
                                           ("1/0", "N must be between"), ("two", "is not I/N")])
def test_bad_shard_option(tmp_path, text, message):
    with pytest.raises(ShardError, match=message):
        parse_shard(text)
    (tmp_path / "cls" / "a").mkdir(parents=True)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "cls"), "--out", str(tmp_path / "o"), "--shard", text])
    assert result.exit_code == 2 and message in result.output and not (tmp_path / "o").exists()


def test_merge_fills_the_roster_like_a_single_run(graded):
    """The roster's default column is the course title, which the shards recorded: merging
    needs no course."""
    import csv

    root, _, _ = graded
    roster = root / "roster.csv"
    roster.write_text("Student,SIS Login ID\nAlice A,alice\nBob B,bob\nZed Z,zed\n")
    result = merge(root / "merged-roster", root / "shard1", root / "shard2", root / "shard3", "--roster", roster)
    assert result.exit_code == 0, result.output
    assert "Submissions without a roster row" in result.output and "dave" in result.output
    rows = list(csv.reader((root / "merged-roster" / "roster-graded.csv").open(encoding="utf-8")))
    totals = {r[0]: r[-2] for r in csv.reader((root / "single" / "gradebook.csv").open(encoding="utf-8"))}
    assert rows[0][-1] == json.loads((root / "shard1" / "shard.json").read_text())["course_title"]
    assert [r[-1] for r in rows[1:]] == [totals["alice"], totals["bob"], ""]
