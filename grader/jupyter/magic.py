"""`%grade ex3` and `%grade all` in a notebook (Jupyter, JupyterLab, VS Code, Colab) or IPython.

`%load_ext grader` (grader/__init__.py) registers the magic and starts noting how each cell
ends: a cell that raised stopped there, and only what ran before is graded (cells.py). The
magic grades the cells this kernel has run, as the exercise's file, by the path `grade ex3`
takes (outside.py: the background server, else a child process; never in the kernel), and
shows the report as the cell's output (display.py). The course is the one `grade` would use
from the kernel's working folder (grader/grading/course.py): a course around it that you
trusted, your workspace's, else the one installed with the grader.

IPython is the kernel's, not a dependency of the grader: the shell is handed in, and only
showing the report imports from IPython.
"""

from __future__ import annotations

import sys

from grader.grading.course import Course, CourseError
from grader.jupyter.cells import ExecutedCells, Failure, collect, relabel
from grader.jupyter.display import html_report, text_report
from grader.jupyter.outside import GradingFailed, grade_notebook
from grader.serve.workspace import Workspace

USAGE = ("Usage: %grade EXERCISE (e.g. %grade ex3) or %grade all, grading the cells this notebook has run; "
         "--verbose lists the passed checks too.")
VERBOSE = ("-v", "--verbose")
GRADED_FILE = "the cells this notebook has run"  # what the report names as the graded file

_LOADED: dict[int, "NotebookGrader"] = {}  # by id of the IPython shell


def load(ipython) -> None:
    if id(ipython) not in _LOADED:
        _LOADED[id(ipython)] = NotebookGrader(ipython).register()


def unload(ipython) -> None:
    grader = _LOADED.pop(id(ipython), None)
    if grader is not None:
        grader.unregister()


class NotebookGrader:
    """The `%grade` magic of one IPython shell, and what it noted of the cells that raised."""

    def __init__(self, ipython):
        self.ipython = ipython
        self.failures: dict[int, Failure] = {}

    def register(self) -> "NotebookGrader":
        self.ipython.events.register("post_run_cell", self.cell_ran)
        self.ipython.register_magic_function(self.grade, magic_kind="line", magic_name="grade")
        return self

    def unregister(self) -> None:
        try:
            self.ipython.events.unregister("post_run_cell", self.cell_ran)
        except ValueError:
            pass
        self.ipython.magics_manager.magics["line"].pop("grade", None)

    def cell_ran(self, result) -> None:
        """IPython's post_run_cell: where a cell that raised stopped (its outermost frame in the
        cell's own code, the kernel's namespace)."""
        error = getattr(result, "error_in_exec", None)
        count = getattr(result, "execution_count", None)
        if error is None or count is None:
            return
        line, tb = None, error.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if frame.f_code.co_name == "<module>" and frame.f_globals is self.ipython.user_ns:
                line = tb.tb_lineno
                break
            tb = tb.tb_next
        self.failures[count] = Failure(type(error).__name__, line)

    def grade(self, line: str) -> None:
        """%grade EXERCISE or %grade all [--verbose]: grade the cells this notebook has run."""
        words = [word for word in line.split() if word not in VERBOSE]
        verbose = len(words) < len(line.split())
        if len(words) != 1:
            print(USAGE)
            return
        single = words[0] != "all"
        try:
            course = _course()
        except CourseError as exc:  # a broken course, or one found here that you never trusted
            print(f"%grade: {exc}")
            return
        try:
            exercises = [course.exercise(words[0])] if single else course.exercises
        except CourseError as exc:
            print(f"%grade: {exc}. {USAGE}")
            return
        cells = collect(list(self.ipython.history_manager.input_hist_raw), self.failures,
                        self.ipython.transform_cell)
        try:
            results, notes = grade_notebook(course, exercises, _files(cells, exercises, single))
        except GradingFailed as exc:
            print(f"%grade: {exc}", file=sys.stderr)
            return
        results = [_as_shown(r) for r in results]
        notes = ([] if course.is_bundled else [f"course: {course.title} ({course.root})"]) + cells.notes + notes
        if single:  # said beside the exercise, as a notebook file's notes are
            results[0].notes[:0], notes = notes, []
        self._show(html_report(results, single, notes, verbose), text_report(results, single, notes, verbose))

    def _show(self, html: str, text: str) -> None:
        """One output, both forms: a notebook shows the HTML, a terminal the text."""
        from IPython.display import display

        display({"text/html": html, "text/plain": text}, raw=True)


def _course() -> Course:
    """The course `grade` would use here (grader/cli's `_locate`, without click)."""
    workspace = Workspace.find()
    return Course.locate(recorded=workspace.course if workspace else None,
                         recorded_in=workspace.marker if workspace else None)


def _files(cells: ExecutedCells, exercises: list, single: bool) -> dict[str, str]:
    """The notebook handed over as each exercise's file. `%grade all` hands it only to the
    exercises a cell defines a function of: the others are not in this notebook."""
    notebook = cells.notebook()
    if single:
        return {exercises[0].name: notebook}
    defined = cells.defined()
    return {e.name: notebook for e in exercises if not e.functions or defined & set(e.functions)}


def _as_shown(result):
    """The grader's names for the cells (ex3.ipynb cell 5) as the notebook shows them (In [5])."""
    def shown(text: str) -> str:
        return relabel(text, result.exercise)

    result.file = GRADED_FILE
    result.error = shown(result.error) if result.error else result.error
    result.notes = [shown(note) for note in result.notes]
    result.output = shown(result.output)
    for check in result.checks:
        check.message = shown(check.message)
    return result


__all__ = ["load", "unload", "NotebookGrader", "USAGE"]
