"""`grade batch … --roster ROSTER.csv`: the LMS's gradebook export comes back as
OUT/roster-graded.csv with one grade column added or filled and every other byte kept;
students on one side only are reported; a roster that cannot be used is refused, before
any grading, with one clear error and nothing in OUT lost."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EX3_POINTS, REPO, SUBMISSIONS
from grader.cli import main
from grader.classroom.roster import RosterError, read_roster

COURSE_TITLE = "Building LLMs from Scratch, chapter 2: Foundations"

CANVAS = ("\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Homework 1 (101),Current Score,Final Score\r\n"
          ",,,,,Manual Posting,,\r\n"
          "    Points Possible,,,,,10.00,(read only),(read only)\r\n"
          "\"Smith, Alice\",1001,S1001,alice,Section A,9.00,90.00,90.00\r\n"
          "\"Jones, Bob\",1002,S1002,BOB,Section A,,80.00,40.00\r\n"
          "Test Student,1003,,,Section A,,,\r\n"
          "\"O\"\"Neil, Zed\",1004,S1004,zed,\"Sec, B\",,,\r\n").encode("utf-8")

# Moodle: one header row; here every cell quoted, semicolons, LF, UTF-8 without a BOM.
MOODLE = ('"First name";"Last name";"ID number";"Email address";"Assignment: Chapter 2 (Real)";'
          '"Last downloaded from this course"\n'
          '"Alice";"Smith";"alice";"alice@uni.example";"";"1700000000"\n'
          '"Zoë";"Brontë";"zoe";"zoe@uni.example";"";"1700000001"\n'
          '"Bob";"Jones";"bob";"bob@uni.example";"";"1700000002"\n').encode("utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """alice (full marks), bob (no ReLU) and carol (nothing), ex3, graded once."""
    root = tmp_path_factory.mktemp("roster")
    cls = root / "class"
    for student, source in (("alice", REPO / "reference" / "ex3.py"),
                            ("bob", SUBMISSIONS / "ex3" / "wrong_no_relu.py")):
        (cls / student).mkdir(parents=True)
        shutil.copy(source, cls / student / "ex3.py")
    (cls / "carol").mkdir()
    done = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(root / "out"),
                           "-e", "ex3", "-j", "1"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    scores = {row[0]: row[1] for row in csv.reader((root / "out" / "gradebook.csv").open(encoding="utf-8"))}
    assert scores["alice"] == str(EX3_POINTS) and scores["carol"] == "0" and scores["bob"] not in ("0", scores["alice"])
    return cls, root / "out", scores


def batch_with(graded, tmp_path, roster: bytes, *options: str, name: str = "roster.csv"):
    """`grade batch --resume` (nothing to regrade) on a copy of the graded OUT, with this roster."""
    cls, out, _ = graded
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    path = tmp_path / name
    path.write_bytes(roster)
    result = CliRunner().invoke(main, ["batch", str(cls), "--out", str(copy), "-e", "ex3", "--resume",
                                       "--roster", str(path), *options])
    return result, copy


def with_cell(original: bytes, cells: list[str], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """Each line of `original` with one more cell before its own line ending."""
    out = b""
    for line, cell in zip(original.splitlines(keepends=True), cells, strict=True):
        body = line.rstrip(b"\r\n")
        out += body + (delimiter + cell).encode(encoding) + line[len(body):]
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_canvas_roster_gets_a_column_and_keeps_every_other_byte(graded, tmp_path):
    _, _, scores = graded
    result, out = batch_with(graded, tmp_path, CANVAS)
    assert result.exit_code == 0, result.output
    written = (out / "roster-graded.csv").read_bytes()
    assert written == with_cell(CANVAS, [f'"{COURSE_TITLE}"', "", str(EX3_POINTS), scores["alice"], scores["bob"],
                                         "", ""])
    assert written.startswith(b"\xef\xbb\xbf") and written.count(b"\r\n") == 7  # BOM and CRLF kept
    summary = (out / "summary.md").read_text(encoding="utf-8")
    for said in (summary, result.output):  # the terminal and the summary name who is on one side only
        flat = " ".join(said.split())
        assert "Roster students without a submission" in flat and 'zed (O"Neil, Zed)' in flat
        assert "Test Student (line 6, no SIS Login ID)" in flat
        assert "Submissions without a roster row" in flat and "carol" in flat.split("without a roster row")[1]


def test_a_canvas_assignment_column_is_filled_in_place(graded, tmp_path):
    _, _, scores = graded
    roster = CANVAS.replace(b"Final Score\r\n", b"Final Score,Chapter 2 (555)\r\n") \
        .replace(b",(read only)\r\n", b",(read only),26.00\r\n")
    lines = roster.splitlines(keepends=True)
    roster = b"".join(line if i in (0, 2) else line.replace(b"\r\n", b",\r\n") for i, line in enumerate(lines))
    result, out = batch_with(graded, tmp_path, roster, "--roster-column", "Chapter 2")
    assert result.exit_code == 0, result.output

    def scaled(score: str) -> str:  # the column is out of 26 (its Points Possible): grades are scaled to it
        return f"{round(float(score) * 26 / EX3_POINTS, 2):g}"

    expected = roster.replace(b"90.00,90.00,\r\n", f"90.00,90.00,{scaled(scores['alice'])}\r\n".encode()) \
        .replace(b"80.00,40.00,\r\n", f"80.00,40.00,{scaled(scores['bob'])}\r\n".encode())
    assert scaled(scores["alice"]) == "26"
    assert "'Chapter 2' is out of 26" in " ".join(result.output.split())  # the scaling is said
    assert (out / "roster-graded.csv").read_bytes() == expected  # header and Points Possible as the LMS wrote them


def test_a_moodle_roster_round_trips_with_its_quoting(graded, tmp_path):
    _, _, scores = graded
    result, out = batch_with(graded, tmp_path, MOODLE, "--roster-key", "ID number", "--roster-column",
                             "Assignment: Chapter 2 (Real)")
    assert result.exit_code == 0, result.output
    expected = MOODLE.replace(b'"alice@uni.example";""', f'"alice@uni.example";"{scores["alice"]}"'.encode()) \
        .replace(b'"bob@uni.example";""', f'"bob@uni.example";"{scores["bob"]}"'.encode())
    assert (out / "roster-graded.csv").read_bytes() == expected
    assert "zoe (Zoë)" in " ".join(result.output.split())

    result, out = batch_with(graded, tmp_path / "per", MOODLE, "--roster-key", "id NUMBER",
                             "--roster-column-per-exercise")
    assert result.exit_code == 0, result.output
    assert (out / "roster-graded.csv").read_bytes() == with_cell(MOODLE, ['"ex3"', f'"{scores["alice"]}"', '""',
                                                                          f'"{scores["bob"]}"'], delimiter=";")


@pytest.mark.parametrize("case", ["xlsx", "binary", "json", "one column", "no key", "duplicates", "holds grades",
                                  "ragged"])
def test_a_roster_that_cannot_be_used_is_refused_before_grading(graded, tmp_path, case):
    rosters = {
        "xlsx": (b"PK\x03\x04" + bytes(range(256)), [], "spreadsheet workbook"),
        "binary": (b"Student,ID\n\x00\x01\x02,3\n", [], "not a CSV text file"),
        "json": (b'{"students": ["alice", "bob"]}\n', [], "is not a readable CSV file: line 1 has a quote"),
        "one column": (b"alice\nbob\n", [], "does not look like a gradebook CSV"),
        "no key": (b"Name,Score\nAlice Smith,\nBob Jones,\n", [], "no usable key column"),
        "duplicates": (CANVAS.replace(b"BOB", b"alice"), [], "duplicate keys ('alice' on lines 4, 5)"),
        "holds grades": (CANVAS, ["--roster-column", "Homework 1"], "already holds grades"),
        "ragged": (CANVAS.replace(b"Section A,,,\r\n", b"Section A,,\r\n"), [], "line 6 has 7 cells, the header 8"),
    }
    roster, options, said = rosters[case]
    cls, out, _ = graded
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    (copy / "roster-graded.csv").write_bytes(b"from an earlier run")
    before = snapshot(copy)
    path = tmp_path / "roster.csv"
    path.write_bytes(roster)
    result = CliRunner().invoke(main, ["batch", str(cls), "--out", str(copy), "-e", "ex3", "--resume",
                                       "--roster", str(path), *options])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert said in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output and result.output.count("Error:") == 1
    assert snapshot(copy) == before  # nothing in OUT lost, nothing written


def test_a_grade_column_is_replaced_only_when_asked(graded, tmp_path):
    _, _, scores = graded
    result, out = batch_with(graded, tmp_path, CANVAS, "--roster-column", "Homework 1", "--roster-overwrite")
    assert result.exit_code == 0, result.output
    def scaled(score: str) -> str:  # Homework 1 is out of 10 (its Points Possible)
        return f"{round(float(score) * 10 / EX3_POINTS, 2):g}"

    expected = CANVAS.replace(b"Section A,9.00,", f"Section A,{scaled(scores['alice'])},".encode()) \
        .replace(b"Section A,,80.00", f"Section A,{scaled(scores['bob'])},80.00".encode())
    assert (out / "roster-graded.csv").read_bytes() == expected  # zed's and Points Possible's cells untouched


def test_the_default_key_suggests_the_column_that_matches(tmp_path):
    path = tmp_path / "moodle.csv"
    path.write_bytes(MOODLE.replace(b'"Alice"', b'"Alicia"'))
    with pytest.raises(RosterError, match=r"the column 'ID number' matches 2 submission\(s\): "
                                          r"pass --roster-key 'ID number'"):
        read_roster(path, ["alice", "bob", "carol"], ["total"])
    path.write_bytes(MOODLE)
    with pytest.raises(RosterError, match=r"the columns 'First name', 'ID number' each match 2"):
        read_roster(path, ["alice", "bob", "carol"], ["total"])
    with pytest.raises(RosterError, match="read-only in the LMS"):
        path.write_bytes(CANVAS)
        read_roster(path, ["alice"], ["Current Score"])


@pytest.mark.parametrize("codec, bom, delimiter", [("utf-16-le", b"\xff\xfe", "\t"), ("cp1252", b"", ";")])
def test_other_encodings_and_delimiters_are_kept(tmp_path, codec, bom, delimiter):
    """Blackboard's tab-separated UTF-16 export, and a spreadsheet's cp1252 with semicolons."""
    rows = [["Last Name", "First Name", "Username", "Grade"], ["Brontë", "Zoë", "zoe", ""], ["Smith", "Alice", "alice", ""]]
    text = "".join(delimiter.join(row) + "\r\n" for row in rows)
    raw = bom + text.encode(codec)
    path = tmp_path / "roster.csv"
    path.write_bytes(raw)
    roster = read_roster(path, ["alice", "zoe"], ["Grade"], key="Username")
    written = roster.filled({"alice": ["17.5"], "zoe": ["3"]}, ["26"])
    assert written == bom + text.replace(f"zoe{delimiter}\r\n", f"zoe{delimiter}3\r\n") \
        .replace(f"alice{delimiter}\r\n", f"alice{delimiter}17.5\r\n").encode(codec)
