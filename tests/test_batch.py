"""`grade batch` on a small mixed class, through the real CLI."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EX3_POINTS, REPO, SUBMISSIONS
from grader.cli import main

REFERENCE = (REPO / "reference" / "ex3.py").read_text()


def make_class(root: Path) -> Path:
    """Ten students: correct, wrong, missing, zipped, nested, hostile, odd names."""
    cls = root / "class"
    cls.mkdir()

    def put(student, source, sub=""):
        folder = cls / student / sub
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ex3.py").write_text(source)

    put("alice", REFERENCE)
    put("bob", (SUBMISSIONS / "ex3" / "wrong_no_relu.py").read_text())
    put("carol", (SUBMISSIONS / "ex3" / "correct_flinear.py").read_text())
    (cls / "dave").mkdir()  # submitted nothing
    (cls / "dave" / "notes.txt").write_text("I ran out of time")
    put("Zoë Ng-Müller", (SUBMISSIONS / "ex3" / "correct_clamp_loops.py").read_text(), sub="hw2")
    put("frank", "import os\nos.remove(" + repr(str(cls / "alice" / "ex3.py")) + ")\n" + REFERENCE)
    put("grace", "def forward(x, W1, b1, W2, b2)\n    return x\n")  # syntax error
    put("heidi", (SUBMISSIONS / "ex3" / "wrong_detached.py").read_text())
    with zipfile.ZipFile(cls / "ivan.zip", "w") as zf:
        zf.writestr("hw2/ex3.py", REFERENCE)
    with zipfile.ZipFile(cls / "judy.zip", "w") as zf:
        zf.writestr("ex3.py", (SUBMISSIONS / "ex3" / "wrong_inplace.py").read_text())
    return cls


def run_batch(cls: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(out), "-e", "ex3",
                           *extra], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    cls = make_class(root)
    first = run_batch(cls, root / "out1")
    second = run_batch(cls, root / "out2")
    return root, cls, first, second


def test_every_output_file(graded):
    root, cls, first, _ = graded
    assert first.returncode == 0, first.stderr
    out = root / "out1"
    rows = list(csv.reader((out / "gradebook.csv").open(encoding="utf-8")))
    assert rows[0] == ["student", "ex3", "total", "max_total"]
    scores = {row[0]: float(row[1]) for row in rows[1:]}
    assert len(scores) == 10
    for full in ("alice", "carol", "Zoë Ng-Müller", "ivan"):
        assert scores[full] == EX3_POINTS, full
    assert scores["dave"] == 0 and scores["grace"] == 0
    assert scores["frank"] == 0  # its import failed: the sandbox refused the delete
    assert 0 < scores["bob"] < EX3_POINTS and scores["heidi"] < EX3_POINTS and scores["judy"] < EX3_POINTS

    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    students = {s["student"]: s for s in results["students"]}
    assert set(students["bob"]) >= {"student", "score", "max_score", "exercises"}
    check = students["bob"]["exercises"][0]["checks"][0]
    assert set(check) >= {"name", "kind", "score", "max_score", "status", "message", "hidden"}
    assert students["dave"]["exercises"][0]["error"].startswith("no ex3.py submitted")
    assert "syntax error on line 1" in students["grace"]["exercises"][0]["error"]
    assert (cls / "alice" / "ex3.py").read_text() == REFERENCE  # frank could not delete it
    assert "outside its folder" in students["frank"]["exercises"][0]["error"]

    feedback = (out / "feedback" / "bob.md").read_text(encoding="utf-8")
    assert feedback.startswith("# Feedback for bob")
    assert "forward zeroes negative hidden units (ReLU)" in feedback
    assert "hidden check" in feedback and "large batch" not in feedback  # hidden content withheld
    assert (out / "feedback" / "Zoë Ng-Müller.md").exists()

    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "| ex3" in summary and "mean" in summary
    assert "Checks most often failed" in summary
    assert "grace" in summary.split("## Submissions that errored or timed out")[1]  # the syntax error is listed
    assert "Submitted nothing (1): dave." in summary  # counted apart, not in the statistics
    assert first.stdout.startswith("Class: 10 students") and len(first.stdout.splitlines()) <= 20  # the digest


def test_two_runs_are_identical(graded):
    root, _, _, second = graded
    assert second.returncode == 0
    for name in ("gradebook.csv", "results.json", "summary.md"):
        assert (root / "out1" / name).read_text() == (root / "out2" / name).read_text(), name


def test_resume_skips_unchanged_students_and_regrades_changed_ones(graded, tmp_path):
    root, cls, _, _ = graded
    out = tmp_path / "out"
    shutil.copytree(root / "out1", out)
    (cls / "bob" / "ex3.py").write_text(REFERENCE)  # bob fixes his code
    try:
        resumed = run_batch(cls, out, "--resume")
    finally:
        (cls / "bob" / "ex3.py").write_text((SUBMISSIONS / "ex3" / "wrong_no_relu.py").read_text())
    assert resumed.returncode == 0
    assert resumed.stderr.count("(unchanged, kept)") == 9
    rows = {r[0]: r[1] for r in csv.reader((out / "gradebook.csv").open(encoding="utf-8"))}
    assert rows["bob"] == str(EX3_POINTS)


@pytest.mark.timeout(900)
def test_interrupted_run_resumes_to_the_same_gradebook(graded, tmp_path):
    root, original, _, _ = graded
    # The same class, each loose file taking a second at import (scores unchanged): the run is
    # still busy when Ctrl-C lands (three results in, seven to go). (tests/conftest.py makes sure
    # Ctrl-C is not ignored where the suite itself was started without job control.)
    cls = tmp_path / "class"
    shutil.copytree(original, cls)
    for path in cls.rglob("ex3.py"):
        path.write_text(path.read_text() + "\nimport time as _time\n_time.sleep(1.0)\n")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(out), "-e", "ex3",
                             "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 600  # a slot's start (torch, pytest, a zygote) is slow on a loaded machine
    while time.monotonic() < deadline and len(list((out / "results").glob("*.json"))) < 3:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C
    _, interrupted = proc.communicate(timeout=60)
    done = len(list((out / "results").glob("*.json")))
    said = f"the interrupted run said:\n{interrupted.decode(errors='replace')}"
    assert 3 <= done < 10, f"{done} results after Ctrl-C; {said}"
    assert not (out / "gradebook.csv").exists(), said
    resumed = run_batch(cls, out, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stderr.count("(unchanged, kept)") == done, f"{done} results kept?\n{resumed.stderr}\n{said}"
    assert (out / "gradebook.csv").read_text() == (root / "out1" / "gradebook.csv").read_text()


def test_a_zip_unpacked_beside_itself_is_graded_once(tmp_path):
    cls = tmp_path / "class"
    (cls / "alice").mkdir(parents=True)
    (cls / "alice" / "ex3.py").write_text(REFERENCE)
    with zipfile.ZipFile(cls / "alice.zip", "w") as zf:
        zf.writestr("ex3.py", "def forward(*args):\n    return None\n")
    (cls / "bob.zip").write_bytes((cls / "alice.zip").read_bytes())
    result = run_batch(cls, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "alice.zip skipped: the folder alice/ is graded for alice" in result.stderr
    rows = list(csv.reader((tmp_path / "out" / "gradebook.csv").open(encoding="utf-8")))
    assert [(row[0], row[1]) for row in rows[1:]] == [("alice", str(EX3_POINTS)), ("bob", "0")]


def test_lms_download_layouts(tmp_path):
    """A zip inside the folder an LMS made for the student, a notebook one folder down, and a
    stray file at the top (told, not graded)."""
    cls = tmp_path / "class"
    (cls / "carl").mkdir(parents=True)
    with zipfile.ZipFile(cls / "carl" / "hw2.zip", "w") as zf:
        zf.writestr("hw2/ex3.py", REFERENCE)
    (cls / "dina" / "work").mkdir(parents=True)
    (cls / "dina" / "work" / "ex3.ipynb").write_text(json.dumps(
        {"cells": [{"cell_type": "code", "source": REFERENCE}], "nbformat": 4}))
    (cls / "ex3.py").write_text(REFERENCE)
    result = run_batch(cls, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "ex3.py skipped: SUBMISSIONS should hold one folder or .zip per student" in result.stderr
    rows = list(csv.reader((tmp_path / "out" / "gradebook.csv").open(encoding="utf-8")))
    assert [(row[0], row[1]) for row in rows[1:]] == [("carl", str(EX3_POINTS)), ("dina", str(EX3_POINTS))]


def test_batch_help_and_bad_usage(tmp_path):
    runner = CliRunner()
    assert "gradebook.csv" in runner.invoke(main, ["batch", "--help"]).output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(main, ["batch", str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "holds no student folders" in result.output


def _png_ink(png: bytes) -> float:
    """Share of decoded PNG bytes that are not white: 0 for a blank page."""
    import struct
    import zlib

    data, offset = b"", 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        if kind == b"IDAT":
            data += png[offset + 8:offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    return sum(b != 255 for b in raw[::7]) / len(raw[::7])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_html_report_renders_in_chromium_and_matches_results(graded, tmp_path):
    root, _, _, _ = graded
    page = root / "out1" / "summary.html"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", *flags, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and _png_ink(shot.read_bytes()) > 0.01
    dom = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    results = json.loads((root / "out1" / "results.json").read_text(encoding="utf-8"))
    for student in results["students"]:
        name = student["student"].replace("&", "&amp;")
        assert f'data-student="{name}"' in dom
        row = dom.split(f'data-student="{name}"', 1)[1].split("</tr>", 1)[0]
        assert f'data-total="{student["score"]:g}"' in row
    submitted = [s["score"] for s in results["students"] if not s["exercises"][0]["missing"]]
    row = dom.split('<tr class="exercise" data-exercise="ex3">', 1)[1].split("</tr>", 1)[0]
    assert f'data-stat="mean">{round(sum(submitted) / len(submitted), 2):g}<' in row  # over those who submitted
    assert f'data-stat="not-submitted">{len(results["students"]) - len(submitted)}<' in row
    assert "<script" not in page.read_text() and "http" not in page.read_text().replace("http://www.w3.org", "")


def _children(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # ppid
            found.append(int(stat_file.parent.name))
    return found


def test_a_job_slot_that_dies_costs_only_its_own_student(tmp_path, monkeypatch):
    """Kill the job slot while it grades a looping submission: that student gets a verdict,
    a fresh slot grades the others, and the looping worker does not outlive its slot."""
    import multiprocessing
    import threading

    from grader.classroom.batch import ResultStore, discover, run_batch as run_batch_api
    from grader.grading.course import Course

    cls = tmp_path / "class"
    for student, source in (("a_looper", "def forward(*args):\n    while True:\n        pass\n"),
                            ("b_good", REFERENCE), ("c_good", REFERENCE)):
        (cls / student).mkdir(parents=True)
        (cls / student / "ex3.py").write_text(source)
    killed: list[int] = []

    def kill_slot_once_a_worker_runs() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            for slot in multiprocessing.active_children():
                workers = [w for zygote in _children(slot.pid) for w in _children(zygote)]
                if workers:  # jobs=1, students in order: this is a_looper's worker
                    killed.extend(workers)
                    os.kill(slot.pid, signal.SIGKILL)
                    return
            time.sleep(0.05)

    temporary = tmp_path / "tmp"  # the grader's temporary files, and nobody else's
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setenv("TMPDIR", str(temporary))  # and in the slots, which are new processes
    killer = threading.Thread(target=kill_slot_once_a_worker_runs)
    killer.start()
    records = run_batch_api(Course(REPO), discover(cls), ["ex3"], ResultStore(tmp_path / "out"), jobs=1,
                            resume=False)
    killer.join()
    assert killed, "no worker was seen"
    scores = {r["student"]: r["score"] for r in records}
    assert scores == {"a_looper": 0, "b_good": EX3_POINTS, "c_good": EX3_POINTS}
    assert "grading process stopped" in records[0]["exercises"][0]["error"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in killed):
        time.sleep(0.05)
    assert not any(_running(pid) for pid in killed), "a worker outlived its slot"
    assert not list(temporary.iterdir()), "the killed slot's temporary files were left behind"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent has not collected it
