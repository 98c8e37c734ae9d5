"""Every line a `grade` command prints fits the terminal, in a real one (tmux) at 60, 80 and 120
columns: the report, the summary of `grade all`, `grade list`'s table, hints, `grade init`'s
next steps, the note of a folder without the exercise, an error (click's, a long path in it),
`grade batch`'s progress and digest, `grade new` and `grade course list` (their paths),
`grade verify`'s tables, `grade watch`. No word is split to fit: the words each command says
at a width are the words it says at 200 columns (a long path may be broken after a `/`: its
pieces are joined again before comparing). And what is the same for several exercises is
said once: the exercises not started, the files not submitted.

One tmux pane per width runs every command in turn (a small class, a course of one exercise
for verify), so the cost is a few gradings per width; verify runs at 60 columns only.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO, SUBMISSIONS
from grader.classroom.gradebook import feedback_markdown
from grader.core.results import CheckResult, ExerciseResult, Status
from grader.reports.markdown_report import all_markdown
from grader.reports.textfit import display_width
from test_automutation import ABS_INPLACE, ex5_course
from test_student_loop import Tmux, needs_tmux

WIDTHS = [60, 80, 120]
REFERENCE_WIDTH = 200  # wide enough that no table needs narrowing: the words as meant
VERIFY_WIDTHS = [60]  # verify grades a few dozen mutants: one width besides the reference
COMMANDS = ["ex3", "all", "list", "hint", "init", "missing", "error", "batch", "verify", "new", "watch"]
# Commands whose layout changes with the width (a table becomes lines), or whose digest cuts
# a line that would take more than two with "…": their words at a width are a subset only.
LAYOUT_CHANGES = {"list", "verify", "batch"}

MARKER = re.compile(r"^=== (\w+) ===$", re.M)
BOX = str.maketrans({ch: " " for ch in "│┌┬┐├┼┤└┴┘─"})
EDGES = ",.;:!?()[]{}\"'`*…—–"
# Not words: rules of dashes, a progress bar, its ETA, the seconds verify took.
NOT_WORDS = re.compile(r"[-#=]+|\d\d:\d\d:\d\d|\d+\.\d+")


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, Path]:
    """A wrong ex3 with two exercises not started beside it, a folder without any exercise
    (deep, so its path must be broken at 60 columns), a class of two, a course of one exercise."""
    root = tmp_path_factory.mktemp("fitted")
    wrong = root / "wrong"
    wrong.mkdir()
    reference = (REPO / "reference" / "ex3.py").read_text()
    (wrong / "ex3.py").write_text(reference.replace("x @ W1.T", "x @ W1"))  # the transpose left out
    for name in ("ex1", "ex4"):
        shutil.copy(REPO / "student_template" / f"{name}.py", wrong / f"{name}.py")
    empty = root / "a" / "folder" / "without" / "any" / "exercise" / "file" / "in" / "it"
    empty.mkdir(parents=True)
    cls = root / "class"
    (cls / "wendy").mkdir(parents=True)
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", cls / "wendy" / "ex3.py")
    (cls / "dave").mkdir()
    (cls / "dave" / "notes.txt").write_text("no time, sorry")
    tiny = ex5_course(root / "tiny", ABS_INPLACE).root
    return {"root": root, "wrong": wrong, "empty": empty, "class": cls, "tiny": tiny,
            "init": root / "workspaces" / "made" / "by" / "grade" / "init", "out": root / "batch-out"}


def _script(places: dict[str, Path], verify: bool) -> str:
    """Every command in turn, each after a marker line; watch last, until Ctrl-C."""
    grade = f"{sys.executable} -m grader.cli"
    steps = [("ex3", f"cd {places['wrong']} && {grade} ex3"),
             ("all", f"{grade} all"),
             ("list", f"{grade} list"),
             ("hint", f"{grade} hint ex3"),
             ("init", f"rm -rf {places['init']} && {grade} init {places['init']}"),
             ("missing", f"cd {places['empty']} && {grade} ex3"),
             ("error", f"{grade} batch {places['empty']}/no/such/class --out {places['out']}"),  # click's own
             ("batch", f"rm -rf {places['out']} && cd {places['root']} && "
                       f"{grade} batch {places['class']} --out {places['out']} -e ex3 -j 1")]
    if verify:
        steps.append(("verify", f"{grade} --course {places['tiny']} verify --no-attacks"))
    written = places["root"] / "a" / "course" / "being" / "written" / "by" / "an" / "instructor"
    steps.append(("new", f"rm -rf {written} && mkdir -p {written} && cp -r {places['tiny']}/. {written} && "
                         f"{grade} --course {written} new ex9 && {grade} course list"))  # paths to copy
    steps += [("watch", f"cd {places['wrong']} && {grade} watch ex3 --interval 0.2"),
              ("end", "sleep 600")]
    # Ctrl-C (which ends watch) reaches the shell too: caught, so that it goes on to the end marker.
    return "trap : INT; " + "; ".join(f"echo '=== {name} ==='; {command}" for name, command in steps)


_screens: dict[int, dict[str, str]] = {}


def screens(places: dict[str, Path], width: int) -> dict[str, str]:
    """What each command showed in a terminal `width` columns wide (run once per width)."""
    if width not in _screens:
        terminal = Tmux(f"fit{width}", width, _script(places, width in VERIFY_WIDTHS + [REFERENCE_WIDTH]))
        try:
            terminal.wait_for("Watching", timeout=600)
            terminal.tmux("send-keys", "-t", "main", "C-c")
            shown = terminal.wait_for("=== end ===", timeout=60)
        finally:
            terminal.close()
        parts = MARKER.split(shown)  # ["before", name, text, name, text, ...]
        _screens[width] = dict(zip(parts[1::2], parts[2::2]))
    return _screens[width]


def paths_joined(text: str) -> str:
    """The text with a path broken after a `/` at a line's end joined to its next line again."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and lines[-1].endswith("/") and line.strip():
            lines[-1] += line.strip()
        else:
            lines.append(line.rstrip())
    return "\n".join(lines)


def words(text: str) -> set[str]:
    """The words said, whatever the layout: table rules and punctuation around words left out."""
    tokens = (token.strip(EDGES) for token in paths_joined(text).translate(BOX).split())
    return {token for token in tokens if token and not NOT_WORDS.fullmatch(token)}


@needs_tmux
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_no_line_is_wider_than_the_terminal_and_no_word_is_split(places, command, width):
    if command == "verify" and width not in VERIFY_WIDTHS:
        pytest.skip("verify runs at 60 columns only (it grades every mutant again)")
    shown = screens(places, width)[command]
    wide = [line for line in shown.splitlines() if display_width(line.rstrip()) > width]
    assert not wide, "\n".join(wide)
    said, meant = words(shown), words(screens(places, REFERENCE_WIDTH)[command])
    assert said <= meant, f"split or changed at {width} columns: {sorted(said - meant)}\n{shown}"
    if command not in LAYOUT_CHANGES:
        assert meant <= said, f"lost at {width} columns: {sorted(meant - said)}\n{shown}"


@needs_tmux
def test_what_is_the_same_for_several_exercises_is_said_once(places):
    everything = screens(places, 80)["all"]
    said = " ".join(everything.split())
    assert "Not started: ex1, ex4 — `grade hint ex1` to begin." in said
    assert "not started yet" not in said  # no block per exercise not started
    assert said.count("Not submitted yet:") == 1 and "ex9.py (looked in" in said
    assert "x @ W1 instead of x @ W1.T" in said  # the exercise in progress in full
    feedback = (places["out"] / "feedback" / "dave.md").read_text(encoding="utf-8")
    assert "Not submitted: ex3.py (looked in dave)." in feedback and feedback.lower().count("submitted") == 1


@needs_tmux
def test_a_long_path_is_broken_after_a_slash_only(places):
    missing = screens(places, 60)["missing"]
    folder = str(places["empty"])
    assert folder not in missing  # too long for the line it is met on...
    assert f"({folder}):" in paths_joined(missing)  # ...broken only after its slashes
    error = screens(places, 60)["error"]  # click's own error line, fitted as ours are
    assert f"'{folder}/no/such/class' does not exist" in " ".join(paths_joined(error).split()) and folder not in error


def _zoe() -> list[ExerciseResult]:
    """Two exercises handed in as the stub, one tried, two files not handed in."""
    def stub(name: str) -> ExerciseResult:
        return ExerciseResult(name, f"Exercise {name}", f"{name}.py", [
            CheckResult("a", "f works", "value", 2, Status.FAILED, "`f` is not implemented yet", stub=True)])

    def missing(name: str) -> ExerciseResult:
        return ExerciseResult(name, f"Exercise {name}", f"{name}.py", [
            CheckResult("a", "f works", "value", 2, Status.SKIPPED, f"not run: no {name}.py submitted")],
            error=f"no {name}.py submitted (looked in zoe)", missing=True)

    tried = ExerciseResult("ex3", "Manual forward pass", "ex3.py", [
        CheckResult("a", "forward gives [[1.70]]", "value", 2, Status.FAILED, "forward returned 1.2")])
    return [stub("ex1"), stub("ex2"), tried, missing("ex4"), missing("ex5")]


def test_a_feedback_file_and_the_markdown_report_say_once_what_is_the_same_for_several_exercises():
    results = _zoe()
    record = {"student": "zoe", "score": 0, "max_score": 10, "exercises": [r.to_json() for r in results]}
    feedback = feedback_markdown(record)
    said = " ".join(feedback.split())
    assert "Not started: ex1, ex2 — `grade hint ex1` to begin." in said
    assert "Not submitted: ex4.py, ex5.py (looked in zoe)." in said
    assert "## ex3 — Manual forward pass: 0/2" in feedback and "forward returned 1.2" in feedback
    assert not any(f"## {name}" in feedback for name in ("ex1", "ex2", "ex4", "ex5"))  # no section each
    assert said.lower().count("submitted") == 1 and said.count("not implemented yet") == 0
    report = " ".join(all_markdown(results).split())
    assert "Not started: ex1, ex2" in report and "Not submitted yet: ex4.py, ex5.py (looked in zoe)." in report
    assert report.count("not implemented yet") == 0 and report.count("no ex4.py submitted") == 0
    everything = " ".join(all_markdown(results, verbose=True).split())  # verbose: the stubs in full
    assert "not implemented yet" in everything and "Not started" not in everything
