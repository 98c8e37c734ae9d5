"""The exercise's file in a notebook: the code cells the kernel has executed, in order.

What `%grade ex3` grades is what the kernel ran, as a module: every cell of this session's
history (IPython's `In`), the cell running `%grade` up to that line. A cell reaches the
grader as `ex3.ipynb` reads it (grader/core/notebook.py): IPython magics and shell lines are
dropped, with a note. What the kernel itself never ran is left out too, so that the module
holds what the student's kernel holds:
- a cell with a syntax error (the kernel refused it whole), and a cell magic that does not
  run its body as the kernel's Python (`%%bash`, `%%writefile`);
- the statements of a cell after the one that raised (the kernel stopped there): a cell that
  defines `forward` and then calls it on a bad input still defines `forward`;
- the grader's own magics (`%load_ext grader`, `%grade ...`), without a note.

Cell `In [n]` is put at position n of the notebook handed to the grader, so that its
messages' "ex3.ipynb cell n" is `In [n]` (`relabel`).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from typing import Callable

from grader.core.notebook import NotebookError, read_notebook
from grader.core.static import top_level_names

NOTEBOOK_BLOCKS = (ast.If, ast.Try, ast.With, ast.For, ast.While)  # cells define names inside these too

# The grader's own lines: loading it and asking for a grade are not the student's module.
_OWN_MAGIC = re.compile(r"\s*%{1,2}(grade|(load|reload|unload)_ext\s+grader)(\s|#|$)")
_GRADE_LINE = re.compile(r"\s*%grade\b")
_CELL_MAGIC = re.compile(r"\s*%%(\w+)")
# Cell magics that run their body as Python in the kernel's namespace: the body is graded
# (its %% line dropped, as a notebook file's). Any other (%%bash, %%writefile, %%timeit,
# %%html) never ran its body there: the cell is left out.
PYTHON_CELL_MAGICS = ("time", "capture", "prun")


@dataclass
class Failure:
    """How the kernel ended a cell that raised: the exception's name and the line of the cell
    it was raised from (None when not known: the whole cell is then left out)."""

    exception: str
    line: int | None


@dataclass
class ExecutedCells:
    cells: dict[int, str]  # execution count -> the source graded for it (plain Python)
    notes: list[str] = field(default_factory=list)

    def notebook(self) -> str:
        """An nbformat-4 notebook holding In [n] as its n-th cell (empty markdown cells between)."""
        last = max(self.cells, default=0)
        cells = [{"cell_type": "code", "source": self.cells[n], "metadata": {}, "outputs": [],
                  "execution_count": n} if n in self.cells else {"cell_type": "markdown", "source": "",
                                                                  "metadata": {}}
                 for n in range(1, last + 1)]
        return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})

    def defined(self) -> set[str]:
        """The names the cells bind at module level (a method called `forward` does not count)."""
        names: set[str] = set()
        for source in self.cells.values():
            names |= top_level_names(ast.parse(source).body, NOTEBOOK_BLOCKS)
        return names


def collect(history: list[str], failures: dict[int, Failure],
            transform: Callable[[str], str]) -> ExecutedCells:
    """The cells to grade from `history` (IPython's raw input history: index n is In [n],
    the last entry the cell running `%grade`). `transform` is IPython's own translation of a
    cell into Python (`transform_cell`): it tells which lines are IPython syntax."""
    executed = ExecutedCells({})
    magics: list[int] = []
    refused: list[str] = []
    stopped: list[str] = []
    ipython_only: list[int] = []
    current = len(history) - 1
    for count, raw in enumerate(history):
        if count == 0:
            continue  # IPython's history starts at In [1]
        if count == current:
            raw = _before_grade_line(raw)
        raw = "\n".join("" if _OWN_MAGIC.match(line) else line for line in raw.splitlines())
        if count in failures:
            failure = failures[count]
            kept = _ran_part(raw, failure.line, transform)
            where = f", line {failure.line}" if failure.line else ""
            stopped.append(f"In [{count}] ({failure.exception}{where})")
            raw = kept
        if not raw.strip():
            continue
        source, dropped, problem = _as_python(raw, transform)
        if problem == "syntax":
            refused.append(f"In [{count}]")
        elif problem == "ipython":
            ipython_only.append(count)
        else:
            executed.cells[count] = source
            magics += [count] * dropped
    executed.notes += _notes(magics, refused, stopped, ipython_only)
    return executed


def _before_grade_line(raw: str) -> str:
    """The cell running `%grade`: only its lines before that one have run yet."""
    lines = raw.splitlines()
    for index, line in enumerate(lines):
        if _GRADE_LINE.match(line):
            return "\n".join(lines[:index])
    return raw


def _ran_part(raw: str, line: int | None, transform: Callable[[str], str]) -> str:
    """The lines of a cell that raised which ran before the top-level statement it raised
    from (line numbers of IPython's translation, which keeps a line magic on its line)."""
    if line is None:
        return ""
    python = transform(raw)
    if len(python.splitlines()) != len(raw.splitlines()):
        return ""  # a cell magic rewrote the cell whole: no line is known to have run
    try:
        statements = ast.parse(python).body
    except SyntaxError:
        return ""
    for statement in statements:
        if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
            return "\n".join(raw.splitlines()[:statement.lineno - 1])
    return ""


def _as_python(raw: str, transform: Callable[[str], str]) -> tuple[str, int, str | None]:
    """(the cell as the grader runs it, how many IPython lines were dropped, problem): the
    rules of a notebook file first; a line they keep that is still IPython syntax
    (`files = !ls`, `f?`) is dropped as IPython translates it. problem: "syntax" (the kernel
    could not run it either) or "ipython" (a cell magic whose body the kernel did not run as
    Python, or IPython syntax these rules cannot drop line by line)."""
    lines = raw.splitlines()
    magic = _CELL_MAGIC.match(raw.lstrip("\n"))
    if magic and magic.group(1) not in PYTHON_CELL_MAGICS:
        return "", 0, "ipython"
    try:
        ((_label, source),), _notes = _read_cell(raw)
        return source, _changed(lines, source.splitlines()), None
    except NotebookError:
        pass
    python = transform(raw)
    try:
        ast.parse(python)
    except (SyntaxError, ValueError):
        return "", 0, "syntax"
    translated = python.splitlines()
    if len(translated) != len(lines):
        return "", 0, "ipython"
    kept = [line if line == same else "" for line, same in zip(lines, translated)]
    try:
        ((_label, source),), _notes = _read_cell("\n".join(kept))
    except NotebookError:
        return "", 0, "ipython"
    return source, _changed(lines, kept), None


def _read_cell(raw: str) -> tuple[list[tuple[str, str]], list[str]]:
    notebook = read_notebook(json.dumps({"cells": [{"cell_type": "code", "source": raw}]}), "cell")
    return notebook.cells, notebook.notes


def _changed(before: list[str], after: list[str]) -> int:
    return sum(a != b for a, b in zip(before, after))


NAMED_CELLS = 5  # cells named in a note; a long session's others are counted


def _cells(counts: list) -> str:
    named = [str(c) if isinstance(c, str) else f"In [{c}]" for c in dict.fromkeys(counts)]
    more = f" and {len(named) - NAMED_CELLS} more" if len(named) > NAMED_CELLS else ""
    return ", ".join(named[:NAMED_CELLS]) + more


def _notes(magics: list[int], refused: list[str], stopped: list[str], ipython_only: list[int]) -> list[str]:
    notes = []
    if magics:
        notes.append(f"dropped {len(magics)} IPython magic or shell line(s) ({_cells(magics)}): the exercise is "
                     "graded as a plain Python module, where they cannot run")
    if refused:
        notes.append(f"left out {_cells(refused)}: a syntax error, so the kernel never ran it")
    if stopped:
        notes.append(f"{_cells(stopped)} raised an exception: only what ran before it is graded, as in the kernel")
    if ipython_only:
        notes.append(f"left out {_cells(ipython_only)}: a cell magic whose body only IPython runs")
    return notes


def relabel(text: str, exercise: str) -> str:
    """The grader's words for the notebook handed over as the notebook shows it: "ex3.ipynb
    cell 5" is In [5] (and so is where an error was raised, "cell 5, line 2, in forward"), and
    "no `forward` in ex3.ipynb" is in your cells."""
    text = re.sub(re.escape(f"{exercise}.ipynb cell ") + r"(\d+)", r"In [\1]", text)
    text = re.sub(r"\bcell (\d+)(?=, line \d)", r"In [\1]", text)
    return text.replace(f"{exercise}.ipynb", "your cells")
