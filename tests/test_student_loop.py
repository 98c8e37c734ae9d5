"""The student's loop: init, hint, list progress, watch (in a real terminal), notebooks."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EX3_CHECKS, EX3_POINTS, REPO, SUBMISSIONS, failed
from grader.cli import main
from grader.serve.workspace import MARKER

REFERENCE = (REPO / "reference" / "ex3.py").read_text()


@pytest.fixture
def run():
    def _run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return _run


def test_init_copies_templates_and_never_overwrites(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = run("init")
    assert first.exit_code == 0
    assert (tmp_path / "work" / "ex3.py").read_text() == (REPO / "student_template" / "ex3.py").read_text()
    assert (tmp_path / "work" / MARKER).is_file()
    assert "grade watch" in first.output
    (tmp_path / "work" / "ex3.py").write_text(REFERENCE)
    second = run("init")
    assert "Kept your existing" in second.output and "ex3.py" in second.output
    assert (tmp_path / "work" / "ex3.py").read_text() == REFERENCE


def test_commands_find_the_workspace_from_a_subfolder(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init")
    (tmp_path / "work" / "ex3.py").write_text(REFERENCE)
    (tmp_path / "work" / "notes").mkdir()
    monkeypatch.chdir(tmp_path / "work" / "notes")
    result = run("ex3", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["score"] == EX3_POINTS
    listing = run("list")
    assert f"passes ({EX3_POINTS}/{EX3_POINTS})" in listing.output


def test_hints_are_progressive(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init")
    monkeypatch.chdir(tmp_path / "work")
    shown = [run("hint", "ex3").output for _ in range(5)]
    assert shown[0].startswith("Hint 1/4 for ex3")
    assert shown[1].startswith("Hint 2/4")
    assert shown[3].startswith("Hint 4/4") and shown[4].startswith("Hint 4/4")  # stays on the last
    everything = run("hint", "ex3", "--all").output
    assert everything.count("Hint ") == 4


def test_every_exercise_has_three_hints_pointing_to_the_chapter(course):
    for exercise in course.exercises:
        assert len(exercise.hints) >= 3, exercise.name
        assert any("ection" in h for h in exercise.hints), exercise.name


def test_list_without_workspace_says_how_to_start(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "grade init" in run("list").output


def test_no_color_when_not_a_terminal(run, tmp_path):
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path / "ex3.py")
    assert "\x1b[" not in run("ex3", "-s", str(tmp_path)).output


def notebook(cells: list) -> str:
    return json.dumps({"cells": [{"cell_type": t, "source": s} for t, s in cells], "nbformat": 4})


def test_notebook_with_magics_is_graded(grade, tmp_path, course, zygote):
    from grader.grading.runner import grade_exercise

    (tmp_path / "ex3.ipynb").write_text(notebook([
        ("markdown", "# Exercise 3"),
        ("code", "%matplotlib inline\n!pip install torch\nimport torch\n"),
        ("code", REFERENCE),
        ("code", "print(forward(torch.ones(1, 2), torch.ones(2, 2), torch.ones(2), torch.ones(2, 1), torch.ones(1)))\n"),
    ]))
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote)
    assert result.score == result.max_score == EX3_POINTS
    assert result.file.endswith("ex3.ipynb")
    assert "dropped 2 IPython magic or shell line(s) (cell 2)" in result.notes[0]
    assert "tensor([[7.]])" in result.output  # top-level code ran, as in the notebook


def test_notebook_syntax_error_names_the_cell(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    (tmp_path / "ex3.ipynb").write_text(notebook([("code", "import torch\n"), ("markdown", "text"),
                                                   ("code", "def forward(x, W1, b1, W2, b2)\n    return x\n")]))
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote)
    assert result.error.startswith("ex3.ipynb has a syntax error in cell 3, line 1")
    assert result.score == 0


def test_notebook_runtime_error_names_the_cell(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    (tmp_path / "ex3.ipynb").write_text(notebook([("code", "import torch\n"),
                                                   ("code", "def forward(x, W1, b1, W2, b2):\n    return x @ W1 @ W2\n")]))
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote)
    assert "ex3.ipynb cell 2" not in (result.error or "")
    messages = "\n".join(failed(result).values())
    assert "cell 2, line 2, in forward" in messages


def test_invalid_notebook_json(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    (tmp_path / "ex3.ipynb").write_text('{"cells": [')
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote)
    assert result.error.startswith("ex3.ipynb is not a valid notebook (not JSON")


def test_py_file_wins_over_notebook(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    (tmp_path / "ex3.py").write_text(REFERENCE)
    (tmp_path / "ex3.ipynb").write_text("not json")
    assert grade_exercise(course, course.exercise("ex3"), tmp_path, zygote).score == EX3_POINTS


class Tmux:
    """A tmux server of the test's own (its own socket: no other session is touched, and no
    COLUMNS or NO_COLOR of the test's environment reaches the program: it sees a terminal)."""

    def __init__(self, name: str, width: int, command: str):
        self.socket = f"{name}{os.getpid()}"
        command = f"env -u COLUMNS -u LINES -u NO_COLOR sh -c {shlex.quote(command)}"
        # The pane stays when the program ends, so that what it printed last can still be read.
        self.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", "50", command,
                  ";", "set-option", "-t", "main", "remain-on-exit", "on")

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-f", "/dev/null", "-L", self.socket, *args], capture_output=True, text=True,
                              check=True)

    def screen(self) -> str:
        """What the terminal shows, scrollback included, a line the terminal wrapped joined again."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "main").stdout

    def wait_for(self, text: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def close(self) -> None:
        socket = subprocess.run(["tmux", "-f", "/dev/null", "-L", self.socket, "display-message", "-p",
                                 "#{socket_path}"], capture_output=True, text=True).stdout.strip()
        subprocess.run(["tmux", "-f", "/dev/null", "-L", self.socket, "kill-server"], capture_output=True)
        if socket:
            Path(socket).unlink(missing_ok=True)  # the server leaves its socket file behind


needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@needs_tmux
def test_watch_regrades_on_save_in_a_real_terminal(tmp_path):
    work = tmp_path / "work"
    subprocess.run([sys.executable, "-m", "grader.cli", "init", str(work)], check=True, capture_output=True)
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", work / "ex3.py")
    terminal = Tmux("watch", 160, f"cd {work} && {sys.executable} -m grader.cli watch ex3 --interval 0.2")
    try:
        first = terminal.wait_for("Watching")
        assert f"Score: 6/{EX3_POINTS}" in first
        (work / "ex3.py").write_text(REFERENCE)  # the student saves a fix
        second = terminal.wait_for(f"Score: {EX3_POINTS}/{EX3_POINTS}")
        assert f"All {EX3_CHECKS} checks passed" in second
        terminal.tmux("send-keys", "-t", "main", "C-c")
        terminal.wait_for("Stopped watching")
    finally:
        terminal.close()


@needs_tmux
@pytest.mark.parametrize("width", [80, 120])
def test_the_report_fits_a_real_terminal(tmp_path, width):
    (tmp_path / "ex3.py").write_text(REFERENCE.replace("x @ W1.T", "x @ W1"))  # the transpose left out
    grade = f"{sys.executable} -m grader.cli"
    terminal = Tmux("report", width, f"cd {tmp_path} && {grade} ex3; echo '== ex3 done'; {grade} all; "
                                     f"echo '== all done'; sleep 600")
    try:
        shown = terminal.wait_for("== all done")
    finally:
        terminal.close()
    one, everything = shown.split("== ex3 done")
    for report in (one, everything):
        lines = [line.rstrip() for line in report.splitlines()]
        assert max(map(len, lines)) <= width, "\n".join(line for line in lines if len(line) > width)
        said = " ".join(report.split())
        assert "x @ W1 instead of x @ W1.T" in said
        assert "more checks" in said and "skipped: needs" not in said  # the skipped checks folded
    assert "Manual forward pass" in everything and "Not submitted yet" in everything
