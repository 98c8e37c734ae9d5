"""Each LMS's own download (tests/lms/<layout>/: built from the course's example submissions)
graded by the real `grade batch --roster` straight into that LMS's gradebook CSV: every byte
kept but the grade cells, grades scaled to the column's points possible, the LMS's key matched
with no renaming; a numbered re-upload and older attempts decided and said; late work."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EX3_POINTS
from grader.classroom.layouts import read_download
from grader.classroom.layouts_gradescope import read_gradescope_metadata

LMS = Path(__file__).parent / "lms"
WRONG = 6  # wrong_no_relu.py's ex3 score (asserted below from gradebook.csv)


def batch(download: Path, out: Path, roster: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(download), "--out", str(out), "-e", "ex3",
                           "-j", "1", "--roster", str(roster), *extra], capture_output=True, text=True, timeout=600)


def scaled(score: float, points: float) -> str:
    return f"{round(score * points / EX3_POINTS, 2):g}"


def said(done: subprocess.CompletedProcess) -> str:
    return " ".join((done.stdout + done.stderr).split())


def gradebook(out: Path) -> dict[str, str]:
    lines = (out / "gradebook.csv").read_text(encoding="utf-8").splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[1] for line in lines}


@pytest.mark.parametrize("zipped", [False, True], ids=["flat", "zip"])
def test_canvas_download_into_the_canvas_gradebook(tmp_path, zipped):
    download = LMS / "canvas" / "download"
    if zipped:  # Canvas's own .zip of the same files
        archive = tmp_path / "submissions.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for path in sorted(download.iterdir()):
                zf.write(path, path.name)
        download = archive
    roster = LMS / "canvas" / "gradebook.csv"
    done = batch(download, tmp_path / "out", roster, "--roster-column", "Chapter 2")
    assert done.returncode == 0, done.stderr
    text = said(done)
    assert "as Canvas's Download Submissions (3 students" in text
    assert "1002: two uploads of ex3.py; graded the later one (ex3-1.py), not ex3.py" in text
    assert "students matched by 'ID'" in text and "'Chapter 2' is out of 10" in text
    scores = gradebook(tmp_path / "out")
    assert scores == {"1001": str(EX3_POINTS), "1002": str(EX3_POINTS), "1004": "0"}  # the later upload graded
    expected = roster.read_bytes().replace(b"Section A,,90.00", b"Section A,10,90.00") \
        .replace(b"Section A,,80.00", b"Section A,10,80.00").replace(b"Section A,,\r\n", b"Section A,0,\r\n")
    assert (tmp_path / "out" / "roster-graded.csv").read_bytes() == expected
    feedback = (tmp_path / "out" / "feedback" / "1002.md").read_text(encoding="utf-8")
    assert "The LMS marks this submission late; no submission time was given" in feedback  # nothing assumed
    assert "1002" in (tmp_path / "out" / "results" / "1002.json").read_text()


def test_moodle_download_into_the_grading_worksheet(tmp_path):
    roster = LMS / "moodle" / "grading-worksheet.csv"
    done = batch(LMS / "moodle" / "download", tmp_path / "out", roster, "--roster-column", "Grade")
    assert done.returncode == 0, done.stderr
    text = said(done)
    assert "Moodle's onlinetext part is not graded" in text and "students matched by 'Identifier'" in text
    assert gradebook(tmp_path / "out") == {"2001": str(EX3_POINTS), "2002": str(WRONG)}
    expected = roster.read_bytes().replace(b'"alice@uni.example","Submitted for grading",""',
                                           b'"alice@uni.example","Submitted for grading","100"') \
        .replace(b'"bob@uni.example","Submitted for grading",""',
                 f'"bob@uni.example","Submitted for grading","{scaled(WRONG, 100)}"'.encode())
    assert (tmp_path / "out" / "roster-graded.csv").read_bytes() == expected


def test_blackboard_download_latest_attempt_and_late_penalty(tmp_path):
    roster = LMS / "blackboard" / "gc_export.csv"
    done = batch(LMS / "blackboard" / "download", tmp_path / "out", roster, "--roster-column", "Chapter 2",
                 "--due", "2024-05-06T12:00", "--late-penalty", "10%/day", "--late-cap", "50%")
    assert done.returncode == 0, done.stderr
    text = said(done)
    assert "bob02: 2 attempts; graded the latest (2024-05-07-09-00-00)" in text
    assert "'Chapter 2' is out of 50" in text
    assert gradebook(tmp_path / "out") == {"alice01": str(EX3_POINTS), "bob02": str(EX3_POINTS)}
    # bob: 21 hours late = 1 day: 10% of the points off before scaling to 50
    late_bob = scaled(EX3_POINTS * 0.9, 50)
    expected = roster.read_bytes().replace(b'"Available",""\r\n"Jones"', b'"Available","50"\r\n"Jones"') \
        .replace(b'09:00:00","Available",""', f'09:00:00","Available","{late_bob}"'.encode())
    assert (tmp_path / "out" / "roster-graded.csv").read_bytes() == expected
    header, alice, bob = (tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    assert header.endswith("submitted_at,days_late,late_penalty,final") and bob.split(",")[-3:-1] == ["1", "2.9"]
    feedback = (tmp_path / "out" / "feedback" / "bob02.md").read_text(encoding="utf-8")
    assert "1 day late: 2.9 points taken off" in feedback


def test_gradescope_export_into_its_scores(tmp_path):
    roster = LMS / "gradescope" / "scores.csv"
    done = batch(LMS / "gradescope" / "download", tmp_path / "out", roster, "--roster-column", "Chapter 2")
    assert done.returncode == 0, done.stderr
    assert "students matched by 'SID'" in said(done)
    assert gradebook(tmp_path / "out") == {"3001": str(EX3_POINTS), "3002": str(WRONG), "3003": str(EX3_POINTS)}
    expected = roster.read_bytes().replace(b"alice@uni.example,,", b"alice@uni.example,100,") \
        .replace(b"bob@uni.example,,", f"bob@uni.example,{scaled(WRONG, 100)},".encode()) \
        .replace(b"carl@uni.example,,", b"carl@uni.example,100,")  # a group: both submitters
    assert (tmp_path / "out" / "roster-graded.csv").read_bytes() == expected


def test_classroom_repositories_into_the_classroom_roster(tmp_path):
    download = tmp_path / "download"
    shutil.copytree(LMS / "classroom" / "download", download)
    for repo in download.iterdir():  # cloned repositories (git cannot keep a .git in the fixture)
        (repo / ".git").mkdir()
        (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    roster = LMS / "classroom" / "classroom_roster.csv"
    done = batch(download, tmp_path / "out", roster, "--points-possible", "100")
    assert done.returncode == 0, done.stderr
    assert "GitHub Classroom repositories" in said(done) and "students matched by 'github_username'" in said(done)
    assert gradebook(tmp_path / "out") == {"alice-gh": str(EX3_POINTS), "bobby": str(WRONG)}
    lines = roster.read_bytes().split(b"\n")
    title = b'"Building LLMs from Scratch, chapter 2: Foundations"'
    expected = b"\n".join([lines[0] + b"," + title, lines[1] + b',"100"', lines[2] + f',"{scaled(WRONG, 100)}"'.encode(),
                           b""])
    assert (tmp_path / "out" / "roster-graded.csv").read_bytes() == expected


def test_sniffing_and_ambiguity_are_said():
    names = ["ex3.py", "ex3.ipynb"]
    assert read_download(LMS / "canvas" / "download", "auto", names).layout == "canvas"
    assert read_download(LMS / "moodle" / "download", "auto", names).layout == "moodle"
    assert read_download(LMS / "blackboard" / "download", "auto", names).layout == "blackboard"
    assert read_download(LMS / "gradescope" / "download", "auto", names).layout == "gradescope"
    assert read_download(LMS / "classroom" / "download", "classroom", names).layout == "classroom"
    canvas = read_download(LMS / "canvas" / "download", "canvas", names)
    assert {e.id: e.late for e in canvas.entries} == {"1001": False, "1002": True, "1004": False}
    metadata = read_gradescope_metadata((LMS / "gradescope" / "download" / "assignment_123_export" /
                                         "submission_metadata.yml").read_text())
    assert [p["sid"] for p in metadata["submission_9001"]["submitters"]] == ["3001", "3003"]
