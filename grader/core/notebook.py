"""Jupyter notebooks as submissions: `ex3.ipynb` is graded where `ex3.py` is absent.

Code cells run in order in one module, as they would in the notebook. IPython magics and
shell escapes (`%time`, `%%capture`, `!pip install`) cannot run outside IPython: those lines
are dropped, with a note. The notebook is parsed as JSON with the standard library.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field


class NotebookError(Exception):
    """The notebook cannot be graded: not JSON, not a notebook, or a cell does not parse."""


@dataclass
class Notebook:
    cells: list[tuple[str, str]]  # (label, source) of every code cell: ("ex3.ipynb cell 3", "...")
    notes: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        """All code cells joined, for static analysis."""
        return "\n".join(source for _, source in self.cells)


def _cell_text(cell: dict, number: int, filename: str) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        if not all(isinstance(part, str) for part in source):
            raise NotebookError(f"{filename} is not a valid notebook (cell {number}'s source is not text)")
        return "".join(source)
    return str(source)


def _without_magics(text: str) -> tuple[str, int]:
    """The cell with IPython magics and shell escapes blanked out (line numbers kept), and
    how many there were. A cell that is valid Python as it is keeps every line: a line that
    starts with `!=` or `%` there continues an expression (black breaks before operators)."""
    text = "\n".join(text.splitlines())
    try:
        ast.parse(text)
        return text, 0
    except (SyntaxError, ValueError):
        pass
    lines = text.splitlines()
    kept = ["" if line.lstrip().startswith(("%", "!")) else line for line in lines]
    return "\n".join(kept), sum(a != b for a, b in zip(lines, kept))


def read_notebook(raw: str, filename: str) -> Notebook:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise NotebookError(f"{filename} is not a valid notebook (not JSON: {exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError(f"{filename} is not a Jupyter notebook (no list of cells)")
    cells, dropped = [], []
    for number, cell in enumerate(data["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        text, magics = _without_magics(_cell_text(cell, number, filename))
        dropped += [number] * magics
        label = f"{filename} cell {number}"
        source = text + "\n"
        try:
            ast.parse(source, label)
        except ValueError:  # a null byte
            raise NotebookError(f"{filename} cell {number} holds a null byte, which Python source cannot") from None
        except SyntaxError as exc:
            raise NotebookError(f"{filename} has a syntax error in cell {number}, line {exc.lineno} ({exc.msg})"
                                + (f": {exc.text.strip()[:80]}" if exc.text and exc.text.strip() else "")) from None
        cells.append((label, source))
    notes = []
    if dropped:
        where = ", ".join(str(n) for n in sorted(set(dropped)))
        notes.append(f"{filename}: dropped {len(dropped)} IPython magic or shell line(s) (cell {where}); "
                     "they do not run outside Jupyter")
    return Notebook(cells, notes)
