"""A grading run rendered in the format asked for (`render`): the text report for people (the
default, text_report.py), the grid (table_report.py), Markdown (markdown_report.py), JSON for
tools (here), JUnit XML or Gradescope's JSON (formats.py); a line naming the sandbox's layers
closes the reports for a terminal.
"""

from __future__ import annotations

import json

from grader.core.results import ExerciseResult, _number
from grader.reports.markdown_report import all_markdown, exercise_markdown
from grader.reports.table_report import all_table, exercise_table
from grader.reports.text_report import HANG, TEXT_MAX_WIDTH, all_text, exercise_text
from grader.reports.textfit import terminal_width, wrap


def exercise_json(result: ExerciseResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def all_json(results: list[ExerciseResult]) -> str:
    return json.dumps({"score": _number(sum(r.score for r in results)),
                       "max_score": _number(sum(r.max_score for r in results)),
                       "exercises": [r.to_json() for r in results]}, ensure_ascii=False)


def sandbox_line(results: list[ExerciseResult]) -> str | None:
    """'sandbox: netns, landlock, seccomp, rlimits', naming the layers this machine lacked."""
    from grader.remote.sandbox import ALL_LAYERS

    layers = next((r.sandbox for r in results if r.sandbox), None)
    if layers is None:
        return None
    missing = [layer for layer in ALL_LAYERS if layer not in layers]
    return f"sandbox: {', '.join(layers)}" + (f" (unavailable here: {', '.join(missing)})" if missing else "")


def render(results: list[ExerciseResult], fmt: str, verbose: bool, single: bool, color: bool = False,
           width: int | None = None) -> str:
    """`fmt`: text (the report for people, the default), table (the grid), json, markdown, junit
    or gradescope. `width`: the terminal's unless given."""
    if fmt in ("junit", "gradescope"):
        from grader.reports.formats import gradescope_json, junit_xml

        return junit_xml(results) if fmt == "junit" else gradescope_json(results, sum(r.seconds for r in results))
    if fmt == "json":
        return exercise_json(results[0]) if single else all_json(results)
    if fmt == "markdown":
        return exercise_markdown(results[0], verbose) if single else all_markdown(results, verbose)
    width = width or terminal_width()
    if single:
        draw = exercise_table if fmt == "table" else exercise_text
        text = draw(results[0], verbose, color, width)
    else:
        text = (all_table if fmt == "table" else all_text)(results, verbose, color, width)
    line = sandbox_line(results)
    return text + ("\n" + "\n".join(wrap(line, min(width, TEXT_MAX_WIDTH), rest=HANG)) if line else "")
