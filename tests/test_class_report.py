"""The instructor's view of a class where students handed in different exercises (one nothing):
summary.md, summary.html (read in headless Chromium) and results.json give the same numbers,
computed here again from the students' results; non-submitters are counted apart; the feedback
names a known mistake once per exercise and holds no path of the instructor's machine; --only
regrades one student. Graded through the real `grade batch`."""

from __future__ import annotations

import csv
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EX3_POINTS, REPO, SUBMISSIONS
from grader.cli import main

EXERCISES = ["ex3", "ex5"]
MISTAKE = "This looks like a known mistake: "


def make_class(root: Path) -> Path:
    """Six students: both exercises, one of them, a syntax error, a zip, nothing at all."""
    cls = root / "class"

    def put(student: str, exercise: str, source: str) -> None:
        (cls / student).mkdir(parents=True, exist_ok=True)
        (cls / student / f"{exercise}.py").write_text(source)

    put("alice", "ex3", (REPO / "reference" / "ex3.py").read_text())
    put("alice", "ex5", (REPO / "reference" / "ex5.py").read_text())
    put("bob", "ex3", (SUBMISSIONS / "ex3" / "wrong_no_relu.py").read_text())
    put("bob", "ex5", (SUBMISSIONS / "ex5" / "wrong_sum.py").read_text())
    put("carol", "ex3", (SUBMISSIONS / "ex3" / "wrong_detached.py").read_text())
    (cls / "dave").mkdir()
    (cls / "dave" / "notes.txt").write_text("no time, sorry")
    put("erin", "ex5", "def mse(pred, target)\n    return 0\n")  # a syntax error: submitted, not graded
    with zipfile.ZipFile(cls / "ivan.zip", "w") as zf:
        zf.writestr("hw2/ex3.py", (SUBMISSIONS / "ex3" / "wrong_no_relu.py").read_text())
    return cls


def run_batch(cls: Path, out: Path, *extra: str, exercises=EXERCISES) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(out),
                           *(a for name in exercises for a in ("-e", name)), "-j", "2", *extra],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class_report")
    cls = make_class(root)
    done = run_batch(cls, root / "out", "--format", "gradescope")
    assert done.returncode == 0, done.stderr
    return root, cls, root / "out", done


# ---------------------------------------------------------------- the numbers, computed again here

def expected_numbers(students: list[dict]) -> dict:
    """Every figure the reports show, from the students' results alone."""
    numbers = {"exercises": {}, "checks": {}, "mistakes": {}}
    for name in EXERCISES:
        results = [e for s in students for e in s["exercises"] if e["exercise"] == name]
        handed_in = [e for e in results if not e["missing"]]
        worked = [e for e in handed_in if attempted(e)]
        scores = [e["score"] for e in worked]
        numbers["exercises"][name] = {
            "submitted": len(handed_in), "not_submitted": len(results) - len(handed_in),
            "errored": sum(bool(e["error"]) or any(c["status"] in ("error", "timeout") for c in e["checks"])
                           for e in handed_in),
            "full_marks": sum(e["score"] == e["max_score"] for e in worked),
            "not_attempted": len(handed_in) - len(worked),
            "mean": statistics.mean(scores), "median": statistics.median(scores), "min": min(scores),
            "max": max(scores)}
        graded_files = [e for e in worked if not e["error"]]
        for check in results[0]["checks"]:
            # a check failing only because its function is still the stub is not attempted, not failed
            mine = [c for e in graded_files for c in e["checks"] if c["name"] == check["name"] and not c.get("stub")]
            failed = sum(c["status"] in ("failed", "error", "timeout") for c in mine)
            numbers["checks"][(name, check["name"])] = (failed, len(mine))
    for student in students:
        for exercise in student["exercises"]:
            named = {c["message"].split(MISTAKE, 1)[1].split("\n")[0].split(". ")[0]
                     for c in exercise["checks"] if MISTAKE in c["message"] and c["status"] != "passed"
                     and not c.get("stub") and attempted(exercise)}
            for mistake in named:
                key = (exercise["exercise"], mistake)
                numbers["mistakes"][key] = numbers["mistakes"].get(key, 0) + 1
    return numbers


def attempted(exercise: dict) -> bool:
    """Submitted and worked on: not the stub as given, nor only stubs still raising NotImplementedError."""
    if exercise["missing"] or exercise.get("untouched"):
        return False
    failures = [c for c in exercise["checks"] if c["status"] != "skipped"]
    return bool(exercise["error"]) or not (failures and all(c["status"] == "failed" and c.get("stub")
                                                            for c in failures))


def shown(value: float) -> str:
    return f"{round(value, 2):g}"


# ---------------------------------------------------------------- reading each report

def markdown_table(text: str, heading: str) -> list[dict[str, str]]:
    """The rows of the first table after `heading`, as {column: cell}."""
    lines = text.split(heading, 1)[1].strip().splitlines()
    rows = []
    for line in lines:
        if not line.startswith("|"):
            if rows:
                break
            continue
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    header, body = rows[0], rows[2:]  # rows[1] is the |---| rule
    return [dict(zip(header, row)) for row in body]


class Rows(HTMLParser):
    """Every table row: its attributes and its cells (text, and data-stat when there is one)."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append({"attrs": attrs, "cells": []})
        elif tag in ("td", "th") and self.rows:
            self.cell = {"stat": attrs.get("data-stat"), "text": ""}
            self.rows[-1]["cells"].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def html_rows(dom: str, kind: str) -> list[dict]:
    parser = Rows()
    parser.feed(dom)
    return [{"attrs": r["attrs"], "stats": {c["stat"]: c["text"].strip() for c in r["cells"] if c["stat"]},
             "texts": [c["text"].strip() for c in r["cells"]]}
            for r in parser.rows if r["attrs"].get("class") == kind]


def chromium_dom(page: Path, profile: Path) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}"]
    done = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                          timeout=120)
    assert "</html>" in done.stdout, done.stderr
    return done.stdout


# ---------------------------------------------------------------- the tests

@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_html_markdown_and_json_give_the_same_numbers(graded, tmp_path):
    _, _, out, _ = graded
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    want = expected_numbers(results["students"])

    # The class: dave handed in nothing; carol no ex5; erin only a broken ex5; ivan only ex3.
    assert results["class"]["submitted_nothing"] == ["dave"]
    assert {n: (e["submitted"], e["not_submitted"]) for n, e in want["exercises"].items()} == \
        {"ex3": (4, 2), "ex5": (3, 3)}
    assert want["exercises"]["ex5"]["errored"] == 1  # erin's syntax error
    ex3_all = [e["score"] for s in results["students"] for e in s["exercises"] if e["exercise"] == "ex3"]
    assert want["exercises"]["ex3"]["mean"] > statistics.mean(ex3_all)  # the zeros of non-submitters stay out
    assert want["mistakes"][("ex3", "the ReLU is missing")] == 2  # bob and ivan

    # results.json's own class statistics
    for exercise in results["class"]["exercises"]:
        mine = want["exercises"][exercise["exercise"]]
        assert (exercise["submitted"], exercise["not_submitted"], exercise["errored_or_timed_out"],
                exercise["full_marks"]) == (mine["submitted"], mine["not_submitted"], mine["errored"],
                                            mine["full_marks"])
        for how in ("mean", "median", "min", "max"):
            assert exercise[how] == pytest.approx(mine[how], abs=1e-4), how
    json_checks = {(c["exercise"], c["check"]): (c["failed"], c["graded"]) for c in results["class"]["checks"]}
    assert json_checks == want["checks"]
    json_mistakes = {(m["exercise"], m["mistake"]): m["students"] for m in results["class"]["known_mistakes"]}
    assert json_mistakes == want["mistakes"]

    # summary.md
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Submitted nothing (1): dave." in summary
    rows = {r["exercise"]: r for r in markdown_table(summary, "## Per exercise")}
    for name, mine in want["exercises"].items():
        row = rows[name]
        assert (row["submitted"], row["not submitted"], row["errored or timed out"], row["full marks"]) == \
            tuple(str(mine[k]) for k in ("submitted", "not_submitted", "errored", "full_marks"))
        assert [row[how] for how in ("mean", "median", "min", "max")] == \
            [shown(mine[how]) for how in ("mean", "median", "min", "max")]
    md_checks = {(r["exercise"], r["check"]): r for r in markdown_table(summary, "### Checks most often failed")}
    failing = {key: value for key, value in want["checks"].items() if value[0]}
    assert len(md_checks) == len(failing)
    for (exercise, check), (failed, of) in failing.items():
        row = next(r for (e, name), r in md_checks.items() if e == exercise and check.startswith(name.rstrip("…")))
        assert row["failed"] == f"{failed} of {of}" and row["share"] == f"{100 * failed / of:.0f}%"
    shares = [int(r["share"].rstrip("%")) for r in markdown_table(summary, "### Checks most often failed")]
    assert shares == sorted(shares, reverse=True)  # most failed first
    md_mistakes = {(r["exercise"], r["known mistake"]): int(r["students"])
                   for r in markdown_table(summary, "### Known mistakes most often named")}
    assert md_mistakes == want["mistakes"]

    # summary.html, as Chromium shows it
    dom = chromium_dom(out / "summary.html", tmp_path / "profile")
    html_exercises = {r["attrs"]["data-exercise"]: r["stats"] for r in html_rows(dom, "exercise")}
    for name, mine in want["exercises"].items():
        stats = html_exercises[name]
        assert (stats["submitted"], stats["not-submitted"], stats["errored"], stats["full-marks"]) == \
            tuple(str(mine[k]) for k in ("submitted", "not_submitted", "errored", "full_marks"))
        assert [stats[how] for how in ("mean", "median", "min", "max")] == \
            [shown(mine[how]) for how in ("mean", "median", "min", "max")]
        columns = {"submitted": "submitted", "not-attempted": "not attempted", "not-submitted": "not submitted", "errored": "errored or timed out",
                   "full-marks": "full marks", "mean": "mean", "median": "median", "min": "min", "max": "max",
                   "out-of": "out of"}
        assert stats == {stat: rows[name][column] for stat, column in columns.items()}  # as summary.md says
    html_checks = {(r["attrs"]["data-exercise"], r["attrs"]["data-check"]): r["stats"]
                   for r in html_rows(dom, "check")}
    assert set(html_checks) == set(failing)
    for key, (failed, of) in failing.items():
        assert html_checks[key] == {"failed": f"{failed} of {of}", "share": f"{100 * failed / of:.0f}%"}
    html_mistakes = {(r["attrs"]["data-exercise"], r["attrs"]["data-mistake"]): int(r["stats"]["students"])
                     for r in html_rows(dom, "mistake")}
    assert html_mistakes == want["mistakes"]
    for name, mine in want["exercises"].items():  # the histogram counts the submitters only
        figure = dom.split(f'<figure data-exercise="{name}"', 1)[1].split("</figure>", 1)[0]
        assert sum(int(n) for n in re.findall(r'data-count="(\d+)"', figure)) == \
            mine["submitted"] - mine["not_attempted"]
    students = {r["attrs"]["data-student"]: r["texts"] for r in html_rows(dom, "student")}
    assert students["dave"][1:3] == ["—", "—"]  # not submitted, not a zero
    assert "<script" not in dom


def test_feedback_names_a_known_mistake_once_per_exercise(graded):
    _, _, out, _ = graded
    bob = (out / "feedback" / "bob.md").read_text(encoding="utf-8")
    ex3 = bob.split("## ex3", 1)[1].split("## ex5", 1)[0]
    flat = " ".join(ex3.split())
    assert flat.count("This looks like a known mistake: the ReLU is missing.") == 1
    assert flat.count("Without an activation") == 1  # the advice once
    assert flat.count("The same known mistake as above: the ReLU is missing.") >= 2
    assert flat.count("returned wrong values") >= 3  # every check still says what came back
    assert "**hidden check** — failed" in ex3 and "large batch" not in ex3  # hidden checks as before
    ex5 = " ".join(bob.split("## ex5", 1)[1].split())
    assert ex5.count("This looks like a known mistake: .sum() instead of .mean().") == 1

    gradescope = json.loads((out / "gradescope" / "bob" / "results.json").read_text(encoding="utf-8"))
    assert gradescope["output"] == bob  # the output field is the feedback file, read as plain text
    hidden = [t for t in gradescope["tests"] if t["visibility"] == "after_published"]
    assert hidden and not any(t["name"].split(": ", 1)[1] in gradescope["output"] for t in hidden)
    # once published, a hidden check shows its name and score, never its inputs or parameters
    from grader.reports.formats import HIDDEN_MESSAGE

    assert {t["output"] for t in hidden} <= {"passed", HIDDEN_MESSAGE}
    assert any(t["output"] == HIDDEN_MESSAGE for t in hidden)
    assert gradescope["score"] == sum(t["score"] for t in gradescope["tests"])


def test_nothing_students_receive_holds_a_path_of_the_instructors_machine(graded):
    root, cls, out, _ = graded
    private = [str(root), str(root.resolve()), str(Path(tempfile.gettempdir()) / "tmp"), str(REPO)]
    private += [str(Path.home())] if len(Path.home().parts) > 1 else []
    received = list((out / "feedback").glob("*.md")) + list((out / "gradescope").rglob("*.json"))
    assert len(received) == 12
    for path in received + [out / "results.json", out / "summary.md", out / "summary.html"]:
        text = path.read_text(encoding="utf-8")
        for folder in private:
            assert folder not in text, (path.name, folder)
    dave = (out / "feedback" / "dave.md").read_text(encoding="utf-8")
    assert "Not submitted: ex3.py, ex5.py (looked in dave)." in " ".join(dave.split())
    assert dave.lower().count("submitted") == 1  # said once for both files
    ivan = (out / "feedback" / "ivan.md").read_text(encoding="utf-8")
    assert "Not submitted: ex5.py (looked in ivan.zip/hw2)." in ivan  # the zip, as the student knows it
    students = {s["student"]: s for s in json.loads((out / "results.json").read_text(encoding="utf-8"))["students"]}
    assert all(not Path(e["file"]).is_absolute() for s in students.values() for e in s["exercises"])


def test_only_regrades_the_named_student_and_keeps_the_previous_result(graded, tmp_path):
    _, cls, out, _ = graded
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    kept = {p.name: p.read_bytes() for p in (copy / "results").glob("*.json")}
    fixed = tmp_path / "class"
    shutil.copytree(cls, fixed)
    shutil.copy(REPO / "reference" / "ex3.py", fixed / "bob" / "ex3.py")  # an appeal: bob's fixed ex3
    done = run_batch(fixed, copy, "--only", "bob", exercises=[])  # the exercises the class was graded with
    assert done.returncode == 0, done.stderr
    assert "[1/1] bob:" in done.stderr and "carol" not in done.stderr.split("[1/1]")[1]

    assert (copy / "results" / "bob.previous.json").read_bytes() == kept["bob.json"]
    for name, data in kept.items():
        if name != "bob.json":
            assert (copy / "results" / name).read_bytes() == data, name  # everyone else as they were
    rows = {r[0]: r for r in csv.reader((copy / "gradebook.csv").open(encoding="utf-8"))}
    assert rows["bob"][1] == rows["alice"][1] == str(EX3_POINTS) and rows["carol"] == \
        next(r for r in csv.reader((out / "gradebook.csv").open(encoding="utf-8")) if r[0] == "carol")
    stats = json.loads((copy / "results.json").read_text(encoding="utf-8"))["class"]
    ex3 = next(e for e in stats["exercises"] if e["exercise"] == "ex3")
    assert ex3["full_marks"] == 2 and stats["students"] == 6  # the class files were rewritten
    assert "Class summary: 6 students" in (copy / "summary.md").read_text(encoding="utf-8")


def test_only_refuses_unknown_students_and_a_class_never_graded(graded, tmp_path):
    _, cls, out, _ = graded
    runner = CliRunner()
    result = runner.invoke(main, ["batch", str(cls), "--out", str(out), "-e", "ex3", "-e", "ex5",
                                  "--only", "bobb"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "--only bobb: no such student among the submissions (did you mean bob?)" in result.output
    result = runner.invoke(main, ["batch", str(cls), "--out", str(tmp_path / "new"), "--only", "bob"])
    assert result.exit_code == 2 and "grade the class without --only first" in result.output
    assert not (tmp_path / "new").exists()
    result = runner.invoke(main, ["batch", str(cls), "--out", str(out), "-e", "ex3", "--only", "bob"])
    assert result.exit_code == 2 and "graded with -e ex3 -e ex5" in result.output
