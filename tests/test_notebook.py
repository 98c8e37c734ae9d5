"""Unit tests of grader/core/notebook.py: an `exN.ipynb` read as one module.

Promised: code cells in order (markdown and raw cells skipped), IPython magics and shell
escapes dropped with a note (line numbers kept), a syntax error named by its cell, and
`NotebookError` for what cannot be graded (not JSON, not a notebook, a cell that does not parse).
"""

from __future__ import annotations

import json

import pytest

from grader.core.notebook import NotebookError, read_notebook


def notebook(*cells, **top) -> str:
    """A notebook's JSON; a cell is ("code" | "markdown" | "raw", source as str or list of lines)."""
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells],
                      "metadata": {}, "nbformat": 4, "nbformat_minor": 5, **top})


def test_code_cells_come_in_order_labelled_by_their_position():
    nb = read_notebook(notebook(("code", "import torch\n"), ("code", ["def f(x):\n", "    return x\n"]),
                                ("code", "y = f(1)")), "ex3.ipynb")
    assert nb.cells == [("ex3.ipynb cell 1", "import torch\n"), ("ex3.ipynb cell 2", "def f(x):\n    return x\n"),
                        ("ex3.ipynb cell 3", "y = f(1)\n")]
    assert nb.notes == []


def test_markdown_and_raw_cells_are_skipped_but_still_counted_in_the_labels():
    # "cell 3" is what the student sees in Jupyter, markdown included
    nb = read_notebook(notebook(("markdown", "# Exercise 3\n"), ("raw", "not python ("), ("code", "x = 1\n")),
                       "ex3.ipynb")
    assert nb.cells == [("ex3.ipynb cell 3", "x = 1\n")]


def test_source_joins_the_code_cells_in_order_and_runs_as_one_module():
    nb = read_notebook(notebook(("code", "a = 2"), ("markdown", "a = 100"), ("code", "b = a * 3\n")), "ex1.ipynb")
    namespace = {}
    exec(nb.source, namespace)
    assert namespace["b"] == 6


def test_magics_and_shell_lines_are_dropped_with_a_note_keeping_line_numbers():
    nb = read_notebook(notebook(("code", "%matplotlib inline\nimport math\n"), ("code", "x = 1\n"),
                                ("code", "!pip install torch\n  %time y = 2\nz = 3\n"),
                                ("code", "%%capture\nw = 4\n")), "ex2.ipynb")
    sources = [source for _, source in nb.cells]
    assert sources == ["\nimport math\n", "x = 1\n", "\n\nz = 3\n", "\nw = 4\n"]
    assert nb.notes == ["ex2.ipynb: dropped 4 IPython magic or shell line(s) (cell 1, 3, 4); "
                        "they do not run outside Jupyter"]


def test_no_note_when_nothing_was_dropped():
    # a % or ! inside a line is Python (modulo, !=), not a magic
    nb = read_notebook(notebook(("code", "x = 7 % 3\nok = x != 2\n")), "ex1.ipynb")
    assert nb.cells[0][1] == "x = 7 % 3\nok = x != 2\n" and nb.notes == []


def test_an_operator_at_the_start_of_a_continuation_line_is_kept():
    source = "def differ(a, b):\n    return (\n        a\n        != b\n    )\n"
    nb = read_notebook(notebook(("code", source)), "ex1.ipynb")
    namespace = {}
    exec(nb.source, namespace)
    assert namespace["differ"](1, 1) is False


def test_a_syntax_error_is_named_by_its_cell_and_line():
    with pytest.raises(NotebookError) as raised:
        read_notebook(notebook(("markdown", "intro"), ("code", "x = 1\n"), ("code", "y = 2\ndef f(:\n    pass\n")),
                      "ex3.ipynb")
    message = str(raised.value)
    assert message.startswith("ex3.ipynb has a syntax error in cell 3, line 2")
    assert "def f(:" in message


def test_the_line_of_a_syntax_error_counts_the_dropped_magic_lines():
    # the student's line 2, though line 1 (a magic) was emptied
    with pytest.raises(NotebookError, match="cell 1, line 2"):
        read_notebook(notebook(("code", "%time\nx = (\n")), "ex3.ipynb")


def test_a_code_cell_without_source_is_an_empty_cell():
    nb = read_notebook(json.dumps({"cells": [{"cell_type": "code"}, {"cell_type": "code", "source": []}]}), "ex3.ipynb")
    assert nb.cells == [("ex3.ipynb cell 1", "\n"), ("ex3.ipynb cell 2", "\n")]


def test_a_notebook_without_code_cells_has_no_cells():
    # nothing to grade is not an error here: the missing functions are named by the checks
    assert read_notebook(notebook(), "ex3.ipynb").cells == []
    assert read_notebook(notebook(("markdown", "only prose")), "ex3.ipynb").source == ""


def test_cells_that_are_not_objects_are_skipped():
    nb = read_notebook(json.dumps({"cells": [None, "x = 1", 7, {"cell_type": "code", "source": "y = 2"}]}), "ex3.ipynb")
    assert nb.cells == [("ex3.ipynb cell 4", "y = 2\n")]


@pytest.mark.parametrize("raw", ["", "   ", "{", "not json at all", '{"cells": [}'], ids=repr)
def test_text_that_is_not_json_is_a_notebook_error(raw):
    with pytest.raises(NotebookError, match=r"^ex3\.ipynb is not a valid notebook \(not JSON: .* at line \d+\)$"):
        read_notebook(raw, "ex3.ipynb")


@pytest.mark.parametrize("raw", ["{}", "[]", "null", "3", '"cells"', '{"cells": {}}', '{"cells": "x = 1"}',
                                 '{"worksheets": []}'], ids=repr)
def test_json_that_is_not_a_notebook_is_a_notebook_error(raw):
    with pytest.raises(NotebookError, match=r"^ex3\.ipynb is not a Jupyter notebook \(no list of cells\)$"):
        read_notebook(raw, "ex3.ipynb")


def test_a_cell_source_list_with_a_non_string_is_a_notebook_error():
    with pytest.raises(NotebookError):
        read_notebook('{"cells":[{"cell_type":"code","source":[1]}]}', "ex3.ipynb")
