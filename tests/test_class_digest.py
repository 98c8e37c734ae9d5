"""A class where half the students left ex4 as the stub: "What to re-teach first" holds no
not-implemented row; summary.md, summary.html (read in headless Chromium) and results.json give
the same numbers and name the students; `--only` after an appeal rewrites roster-graded.csv as
a full rerun does (OUT remembers the roster); the terminal digest fits 80 columns in tmux; a
SIGKILLed run's temporary folders are swept by the next run. All through the real `grade batch`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SUBMISSIONS
from test_class_report import chromium_dom, html_rows, markdown_table

STUB = (REPO / "student_template" / "ex4.py").read_text()
ROSTER = b"Student,ID,Homework\r\nAlice,alice,\r\nBob,bob,\r\nCarol,carol,\r\nDave,dave,\r\n"


def make_class(root: Path) -> Path:
    cls = root / "class"
    files = {"alice": {"ex3": REPO / "reference" / "ex3.py", "ex4": None},
             "bob": {"ex3": SUBMISSIONS / "ex3" / "wrong_no_relu.py", "ex4": None},
             "carol": {"ex3": SUBMISSIONS / "ex3" / "wrong_no_relu.py", "ex4": SUBMISSIONS / "ex4" / "book_solution.py"},
             "dave": {"ex3": SUBMISSIONS / "ex3" / "wrong_detached.py", "ex4": SUBMISSIONS / "ex4" / "wrong_loss_tensors.py"}}
    for student, exercises in files.items():
        (cls / student).mkdir(parents=True)
        for name, source in exercises.items():
            (cls / student / f"{name}.py").write_text(source.read_text() if source else STUB)
    return cls


def batch(cls: Path, out: Path, *extra: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(out), "-e", "ex3",
                           "-e", "ex4", "-j", "2", *extra], capture_output=True, text=True, timeout=900, env=env)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("digest")
    cls = make_class(root)
    (root / "roster.csv").write_bytes(ROSTER)
    done = batch(cls, root / "out", "--roster", str(root / "roster.csv"), "--points-possible", "100")
    assert done.returncode == 0, done.stderr
    return root, cls, root / "out", done


def test_stubs_are_not_attempted_and_every_report_agrees(graded, tmp_path):
    _, _, out, _ = graded
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    ex4 = next(e for e in results["class"]["exercises"] if e["exercise"] == "ex4")
    assert (ex4["submitted"], ex4["not_attempted"], ex4["not_attempted_students"]) == (4, 2, ["alice", "bob"])
    most_failed = results["class"]["most_failed_checks"]
    assert most_failed and not any("not implemented" in c["most_common_message"] for c in most_failed)
    relu = next(c for c in most_failed if c["check"] == "forward zeroes negative hidden units (ReLU)")
    assert relu["students"] == ["bob", "carol"]  # named, complete, in student order
    mistake = next(m for m in results["class"]["known_mistakes"] if m["mistake"] == "the ReLU is missing")
    assert mistake["student_names"] == ["bob", "carol"]

    summary = (out / "summary.md").read_text(encoding="utf-8")
    reteach = summary.split("## What to re-teach first", 1)[1].split("## Students", 1)[0]
    assert "not implemented" not in reteach and "NotImplementedError" not in reteach
    md = {r["exercise"]: r for r in markdown_table(summary, "## Per exercise")}
    md_checks = {(r["exercise"], r["check"]): r for r in markdown_table(summary, "### Checks most often failed")}
    students_md = {r["student"]: r for r in markdown_table(summary, "## Students")}
    assert students_md["alice"]["ex4"] == "not attempted" and students_md["alice"]["total"].endswith(" / 47")

    dom = chromium_dom(out / "summary.html", tmp_path / "profile") if shutil.which("chromium") else \
        (out / "summary.html").read_text(encoding="utf-8")
    html = {r["attrs"]["data-exercise"]: r["stats"] for r in html_rows(dom, "exercise")}
    for exercise in results["class"]["exercises"]:
        name = exercise["exercise"]
        for stat, column, key in (("submitted", "submitted", "submitted"),
                                  ("not-attempted", "not attempted", "not_attempted"),
                                  ("not-submitted", "not submitted", "not_submitted"),
                                  ("full-marks", "full marks", "full_marks"), ("mean", "mean", "mean")):
            json_value = exercise[key] if key != "mean" else \
                ("—" if exercise["mean"] is None else f"{round(exercise['mean'], 2):g}")
            assert html[name][stat] == md[name][column] == str(json_value), (name, stat)
    html_checks = {(r["attrs"]["data-exercise"], r["attrs"]["data-check"]): r for r in html_rows(dom, "check")}
    assert len(html_checks) == len(md_checks) == len(most_failed)
    for check in most_failed:
        row = html_checks[(check["exercise"], check["check"])]
        assert row["stats"]["failed"] == f"{check['failed']} of {check['graded']}"
        assert row["texts"][-1] == ", ".join(check["students"])  # 2 students: nothing folded
    for section in ("Submissions that errored or timed out", "Reached into the grader", "Roster", "Students"):
        assert f"## {section}" in summary and f"<h2>{section}</h2>" in dom, section


def test_only_after_an_appeal_rewrites_the_roster_as_a_full_rerun(graded, tmp_path):
    root, cls, out, _ = graded
    appeal = tmp_path / "class"
    shutil.copytree(cls, appeal)
    (appeal / "bob" / "ex3.py").write_text((REPO / "reference" / "ex3.py").read_text())
    regraded = tmp_path / "out"
    shutil.copytree(out, regraded)
    before = (regraded / "roster-graded.csv").read_bytes()
    only = batch(appeal, regraded, "--only", "bob")  # no --roster: OUT remembers it
    assert only.returncode == 0, only.stderr
    full = batch(appeal, tmp_path / "full", "--roster", str(root / "roster.csv"), "--points-possible", "100")
    assert full.returncode == 0, full.stderr
    after = (regraded / "roster-graded.csv").read_bytes()
    assert after != before and after == (tmp_path / "full" / "roster-graded.csv").read_bytes()
    assert b"Bob,bob,,61.7\r\n" in after  # ex3 now full marks (29 of 47, scaled to 100), ex4 the stub


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_digest_fits_80_columns_in_tmux(graded, tmp_path):
    root, cls, out, _ = graded
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    socket, done = f"digest-{os.getpid()}", tmp_path / "done"
    command = (f"cd {REPO} && GRADER_SERVER=0 {sys.executable} -m grader.cli batch {cls} --out {copy} -e ex3 -e ex4 "
               f"-j 2 --resume > {tmp_path / 'stdout'}; tmux -L {socket} capture-pane -p -J -S - -t main > "
               f"{tmp_path / 'pane'}; touch {done}; sleep 30")
    tmux = ["tmux", "-f", "/dev/null", "-L", socket]
    subprocess.run([*tmux, "new-session", "-d", "-s", "main", "-x", "80", "-y", "50", command], check=True)
    try:
        deadline = time.monotonic() + 600
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    printed = (tmp_path / "stdout").read_text(encoding="utf-8").splitlines()
    assert 3 <= len(printed) <= 20 and printed[0].startswith("Class: 4 students")
    assert all(len(line) <= 80 for line in printed), printed
    assert any(line.startswith("Re-teach first") for line in printed)
    assert "Roster: 'Building LLMs" in "\n".join(printed) and "out of 100" in "\n".join(printed)


def test_a_sigkilled_run_leaves_nothing_after_the_next_run(graded, tmp_path):
    _, cls, _, _ = graded
    private = tmp_path / "tmp"
    private.mkdir()
    env = {**os.environ, "TMPDIR": str(private), "GRADER_SERVER": "0"}
    first = subprocess.Popen([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(tmp_path / "o1"),
                              "-e", "ex3", "-e", "ex4", "-j", "2"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    registry = private / f"grader-owned-{os.getuid()}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (registry.is_dir() and any(registry.iterdir())):
        time.sleep(0.1)
    time.sleep(2)  # slots at work: zips, scratch folders
    owned = [Path(line) for record in registry.iterdir() for line in record.read_text().splitlines()]
    assert owned and all(folder.is_dir() for folder in owned)
    first.send_signal(signal.SIGKILL)
    first.wait()
    time.sleep(1)
    assert any(folder.exists() for folder in owned)  # left behind: nobody saw the SIGKILL
    one = tmp_path / "one"
    shutil.copytree(cls / "alice", one / "alice")
    second = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(one), "--out",
                             str(tmp_path / "o2"), "-e", "ex3", "-j", "1"], env=env, capture_output=True, text=True,
                            timeout=600)
    assert second.returncode in (0, 1), second.stderr
    assert not any(folder.exists() for folder in owned)
    assert not list(private.iterdir())  # and the second run's own are gone, the owners' folder with them
