"""Grading from a notebook: `%load_ext grader`, then `%grade ex3` in a real Jupyter kernel.

One notebook, built with nbformat and executed headless by nbclient (each kernel start costs
seconds), plays a student's session: a usage slip, a cell with a known mistake from ex3's
catalog that also shells out to pip and then raises, a cell with a syntax error, `%grade ex3`,
the fix, `%grade ex3` again, `%grade all`. Every grade runs outside the kernel (the tests
turn the background server off, so a child process grades; the server's path is compared
below without a kernel). What the cells showed is then read back from the notebook."""

from __future__ import annotations

import ast
import html
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import EX3_CHECKS, EX3_POINTS, REPO

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from grader.grading.course import Course  # noqa: E402
from grader.jupyter.cells import Failure, collect  # noqa: E402

REFERENCE = (REPO / "reference" / "ex3.py").read_text()


def _mistake():
    """ex3's "the ReLU is missing" entry: its name and the reference with its forward."""
    entry = next(m for m in Course(REPO).exercise("ex3").catalog() if m.implementation.__name__ == "no_relu")
    node = next(n for n in ast.parse(REFERENCE).body if isinstance(n, ast.FunctionDef) and n.name == "forward")
    lines = REFERENCE.splitlines()
    buggy = "\n".join(lines[:node.lineno - 1] + entry.source.splitlines() + lines[node.end_lineno:])
    return entry.name, buggy


MISTAKE, BUGGY = _mistake()
FIX = "def forward(x, W1, b1, W2, b2):\n    return torch.relu(x @ W1.T + b1) @ W2 + b2\n"
# A student's session, one cell each; the index of a cell is its execution count minus one.
SESSION = [
    "%load_ext grader",
    "%grade",
    "%grade ex99",
    "!pip --version\n" + BUGGY + "\nprint('<b>trained</b>')\n"
    "forward(torch.ones(1, 3), torch.ones(2, 2), torch.ones(2), torch.ones(2, 1), torch.ones(1))\n",
    "def oops(:\n    pass\n",
    "%grade ex3",
    FIX,
    "%grade ex3",
    "%grade all",
]


@pytest.fixture(scope="module")
def session():
    """The notebook after a headless run: a kernel of this Python, in a folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="notebook-"))
    spec = folder / "jupyter" / "kernels" / "grader-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "grader tests", "language": "python"}))
    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(folder / "jupyter")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in SESSION]
    try:
        nbclient.NotebookClient(notebook, timeout=600, kernel_name="grader-test", allow_errors=True,
                                resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        if saved is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = saved
        shutil.rmtree(folder, ignore_errors=True)
    return notebook.cells


def shown(cell) -> tuple[str, str]:
    """(text/html, text/plain) of the one display a %grade cell made."""
    displays = [o for o in cell.outputs if o.output_type == "display_data"]
    assert len(displays) == 1, cell.outputs
    return displays[0].data["text/html"], displays[0].data["text/plain"]


def streamed(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream")


def test_usage_and_an_unknown_exercise_get_one_line(session):
    for cell in session[1:3]:
        assert [o.output_type for o in cell.outputs] == ["stream"]
        assert len(streamed(cell).strip().splitlines()) == 1
    assert streamed(session[1]).startswith("Usage: %grade EXERCISE")
    assert "no exercise 'ex99'" in streamed(session[2]) and "ex3" in streamed(session[2])


def test_the_grader_never_shows_a_traceback(session):
    """Only the student's own cells raised (the one calling forward badly, the syntax error)."""
    raised = [index for index, cell in enumerate(session) if any(o.output_type == "error" for o in cell.outputs)]
    assert raised == [3, 4]
    for index in (0, 1, 2, 5, 7, 8):
        assert "Traceback" not in json.dumps(session[index].outputs)


def test_a_known_mistake_is_named_in_both_forms(session):
    page, text = shown(session[5])
    assert f"This looks like a known mistake: {MISTAKE}." in text
    assert f'data-mistake="{html.escape(MISTAKE)}"' in page and f"<b>{html.escape(MISTAKE)}</b>" in page
    assert f"Score: {EX3_POINTS}/{EX3_POINTS}" not in text
    # Failed checks first, then the folded ones, then the passed ones counted.
    first_failed, fold, passed = (page.find('data-status="failed"'), page.find('<details class="fold"'),
                                  page.find('<details class="passed-checks"'))
    assert -1 < first_failed < fold < passed
    assert "<script" not in page
    assert "&lt;b&gt;trained&lt;/b&gt;" in page and "<b>trained</b>" not in page  # what the code printed, escaped


def test_what_the_kernel_did_not_run_is_left_out_with_a_note(session):
    """The !pip line is dropped; the syntax error cell never ran; the cell that raised on its
    last line still defined forward and build_model (the mistake above is named from them)."""
    _page, text = shown(session[5])
    notes = " ".join(re.sub(r"\s+", " ", text).split("note: ")[1:])
    assert "dropped 1 IPython magic or shell line(s) (In [4])" in notes
    assert "left out In [5]: a syntax error" in notes
    assert "In [4] (RuntimeError, line " in notes and "only what ran before it is graded" in notes
    assert "(the cells this notebook has run)" in text


def test_the_fix_earns_full_marks(session):
    page, text = shown(session[7])
    assert f"Score: {EX3_POINTS}/{EX3_POINTS}" in text and f"All {EX3_CHECKS} checks passed." in text
    assert f'data-score="{EX3_POINTS}" data-max-score="{EX3_POINTS}"' in page
    assert "known mistake" not in text and 'data-status="failed"' not in page


def test_grade_all_grades_the_exercises_the_notebook_defines(session):
    page, text = shown(session[8])
    row = next(line for line in text.splitlines() if line.startswith("ex3 "))
    assert f"{EX3_POINTS}/{EX3_POINTS}" in row and row.endswith("all passed")
    others = [e.name for e in Course(REPO).exercises if e.name != "ex3"]
    for name in others:
        line = next(line for line in text.splitlines() if line.startswith(f"{name} "))
        assert line.endswith("not in this notebook")
        assert f'<tr data-exercise="{name}">' in page
    assert "Not in this notebook yet: " + ", ".join(others) in re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------- the cells, without a kernel

def ipython_transform():
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell


def test_the_cells_are_what_the_kernel_ran():
    history = ["",
               "%load_ext grader",
               "import torch\nfiles = !ls\n%time x = 1",
               "%%bash\nls -la",
               "class Net:\n    def forward(self):\n        return 1\n",
               "def forward(x):\n    return x\nforward(undefined)\nlost = 1",
               "def helper(:",
               "def build_model():\n    return 2\n%grade ex3\nafter = 1"]
    cells = collect(history, {5: Failure("NameError", 3)}, ipython_transform())
    assert sorted(cells.cells) == [2, 4, 5, 7]
    assert cells.cells[2].strip() == "import torch"  # the IPython lines blanked
    assert "lost" not in cells.cells[5] and "def forward" in cells.cells[5]
    assert "after" not in cells.cells[7]
    assert cells.defined() >= {"torch", "Net", "forward", "build_model"}
    assert "x" not in cells.defined()  # `%time x = 1` was dropped
    notes = " | ".join(cells.notes)
    assert "dropped 2 IPython magic or shell line(s) (In [2])" in notes
    assert "left out In [6]: a syntax error" in notes
    assert "In [5] (NameError, line 3) raised" in notes
    assert "left out In [3]: a cell magic" in notes
    assert "In [1]" not in notes and "In [7]" not in notes  # the grader's own magics, said nothing of
    numbered = json.loads(cells.notebook())["cells"]
    assert [c["cell_type"] for c in numbered] == ["markdown", "code", "markdown", "code", "code", "markdown", "code"]


# ---------------------------------------------------------------- the server's path

def test_the_server_grades_a_notebook_as_the_child_does(monkeypatch):
    """`grade ex3`'s first path, the background server, gives the verdicts of the child process."""
    from grader.jupyter.cells import ExecutedCells
    from grader.jupyter.outside import grade_notebook
    from grader.serve import serverlink

    course = Course(REPO)
    files = {"ex3": ExecutedCells({1: BUGGY, 2: "print('hello')\n"}).notebook()}
    child, notes = grade_notebook(course, [course.exercise("ex3")], files)
    assert notes == []
    runtime = Path(tempfile.mkdtemp(prefix="gs-"))  # short: a socket path has at most 107 bytes
    monkeypatch.setenv("GRADER_SERVER", "1")
    monkeypatch.setenv("GRADER_SERVER_DIR", str(runtime / "rt"))
    try:
        served, notes = grade_notebook(course, [course.exercise("ex3")], files)
        assert serverlink.status() is not None  # the server graded it
    finally:
        serverlink.stop()
        shutil.rmtree(runtime, ignore_errors=True)
    assert notes == []
    assert [r.verdict_key() for r in served] == [r.verdict_key() for r in child]
    assert f"This looks like a known mistake: {MISTAKE}." in json.dumps([r.to_json() for r in served])
    assert "hello" in served[0].output  # what the cells printed comes back too


# ---------------------------------------------------------------- the report's forms

def test_fewer_sandbox_layers_are_said_in_one_line():
    """Where the kernel's container allows no namespaces, seccomp or Landlock (Colab), the
    grade still runs, and one line says which layers did."""
    from grader.core.results import CheckResult, ExerciseResult
    from grader.jupyter.display import html_report, text_report
    from grader.remote.sandbox import ALL_LAYERS

    def result(layers: list[str]) -> ExerciseResult:
        return ExerciseResult("ex3", "Manual forward pass", "the cells this notebook has run",
                              [CheckResult("check_a", "a <check>", "value", 2, "passed")], sandbox=layers)

    text = text_report([result(["rlimits"])], True, [], width=200)
    said = [line for line in text.splitlines() if "sandbox" in line]
    assert len(said) == 1 and said[0].startswith("sandbox: rlimits only") and "netns" in said[0]
    page = html_report([result(["rlimits"])], True, [])
    assert page.count('class="note sandbox"') == 1 and "a &lt;check&gt;" in page
    for full in (text_report([result(list(ALL_LAYERS))], True, []), html_report([result(list(ALL_LAYERS))], True, [])):
        assert "sandbox" not in full


def test_exercises_not_started_are_said_in_one_line_in_both_forms():
    from grader.core.results import CheckResult, ExerciseResult
    from grader.jupyter.display import html_report, text_report

    def stub(name: str) -> ExerciseResult:
        return ExerciseResult(name, f"Exercise {name}", "the cells this notebook has run",
                              [CheckResult("a", "f works", "value", 2, "failed", "`f` is not implemented yet",
                                           stub=True)])

    tried = ExerciseResult("ex3", "Manual forward pass", "the cells this notebook has run",
                           [CheckResult("a", "forward gives [[1.70]]", "value", 2, "failed", "forward returned 1.2")])
    results = [stub("ex1"), stub("ex2"), tried, stub("ex4")]
    line = ("Not started: ex1, ex2, ex4 (their functions still raise NotImplementedError) — "
            "%grade ex1 shows its checks.")
    text = text_report(results, False, [], width=200)
    page = html_report(results, False, [])
    assert line in " ".join(text.split()) and text.count("NotImplementedError") == 1 and "forward returned 1.2" in text
    assert page.count('class="not-started"') == 1 and line in page.replace("&gt;", ">")
    assert "forward returned 1.2" in page


def test_the_grader_names_cells_as_the_notebook_numbers_them():
    from grader.jupyter.cells import relabel

    said = ('File "ex3.ipynb cell 5", line 2 / raised RuntimeError (cell 5, line 2, in forward: x @ W1) / '
            "no `forward` in ex3.ipynb")
    assert relabel(said, "ex3") == ('File "In [5]", line 2 / raised RuntimeError (In [5], line 2, in forward: '
                                    "x @ W1) / no `forward` in your cells")
