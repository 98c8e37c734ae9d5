"""Rendering results for people (table, Markdown) and for tools (JSON)."""

from __future__ import annotations

import json
import textwrap

from tabulate import tabulate

from grader.results import ExerciseResult, Status, _number

import shutil

NAME_WIDTH = 30


def _message_width() -> int:
    """Fit the table in the terminal: the message column takes what the others leave."""
    columns = shutil.get_terminal_size((120, 24)).columns
    return max(36, min(72, columns - NAME_WIDTH - 44))


def _points(score, max_score) -> str:
    return f"{_number(score)}/{_number(max_score)}"


def _wrap(text: str, width: int) -> str:
    lines = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    return "\n".join(lines)


def _visible_checks(result: ExerciseResult, verbose: bool):
    return [c for c in result.checks if verbose or c.status != Status.PASSED]


_STATUS_STYLE = {"passed": ("✓ passed", "green"), "failed": ("✗ failed", "red"), "error": ("! error", "red"),
                 "timeout": ("⏱ timeout", "yellow"), "skipped": ("– skipped", "bright_black")}


def _status(status: str, color: bool) -> str:
    if not color:
        return status
    import click

    text, fg = _STATUS_STYLE[status]
    return click.style(text, fg=fg)


def exercise_table(result: ExerciseResult, verbose: bool = False, color: bool = False) -> str:
    lines = [f"{result.exercise} — {result.title}   ({result.file})"]
    if result.error:
        lines.append(f"✗ {result.error}")
    lines += [f"note: {note}" for note in result.notes]
    shown = _visible_checks(result, verbose)
    if shown and not (result.error and not verbose):
        width = _message_width()
        rows = [[_wrap(c.name + (" (hidden)" if c.hidden else ""), NAME_WIDTH), c.kind,
                 _points(c.score, c.max_score), _status(c.status, color), _wrap(c.message, width)] for c in shown]
        lines.append(tabulate(rows, headers=["check", "kind", "points", "status", "message"],
                              tablefmt="simple_grid"))
    passed = sum(c.status == Status.PASSED for c in result.checks)
    if not verbose and passed and passed != len(result.checks):
        lines.append(f"{passed} of {len(result.checks)} checks passed (--verbose lists them).")
    elif result.all_passed:
        lines.append(f"All {passed} checks passed.")
    lines.append(f"Score: {_points(result.score, result.max_score)}")
    if verbose and result.output.strip():
        lines.append("What your code printed:\n" + textwrap.indent(result.output.rstrip(), "  | "))
    return "\n".join(lines)


def summary_table(results: list[ExerciseResult]) -> str:
    rows = []
    for r in results:
        if r.error:
            state = "not graded"
        elif r.not_started:
            state = "not started"
        elif r.all_passed:
            state = "all passed"
        else:
            state = f"{sum(c.status != 'passed' for c in r.checks)} to fix"
        rows.append([r.exercise, r.title, _points(r.score, r.max_score), state])
    total = sum(r.score for r in results), sum(r.max_score for r in results)
    rows.append(["total", "", _points(*total), ""])
    return tabulate(rows, headers=["exercise", "title", "points", "status"], tablefmt="simple")


def all_table(results: list[ExerciseResult], verbose: bool = False, color: bool = False) -> str:
    parts = [summary_table(results)]
    for r in results:
        if r.not_started and not verbose:
            parts.append(f"{r.exercise} — {r.title}: not started yet ({r.file} still has the template's "
                         f"NotImplementedError). `grade {r.exercise}` shows its checks; `grade hint {r.exercise}` helps.")
        elif verbose or not r.all_passed:
            parts.append(exercise_table(r, verbose, color))
    return "\n\n".join(parts)


def exercise_markdown(result: ExerciseResult, verbose: bool = False) -> str:
    lines = [f"## {result.exercise} — {result.title}", "",
             f"**Score: {_points(result.score, result.max_score)}**", ""]
    if result.error:
        lines += [f"> {result.error}", ""]
    shown = _visible_checks(result, verbose)
    if shown:
        rows = [[c.name + (" (hidden)" if c.hidden else ""), c.kind, _points(c.score, c.max_score), c.status,
                 c.message.replace("\n", " ").replace("|", "\\|")] for c in shown]
        lines.append(tabulate(rows, headers=["check", "kind", "points", "status", "message"], tablefmt="github"))
    return "\n".join(lines).rstrip() + "\n"


def all_markdown(results: list[ExerciseResult], verbose: bool = False) -> str:
    head = "# Grading report\n\n" + tabulate(
        [[r.exercise, r.title, _points(r.score, r.max_score)] for r in results],
        headers=["exercise", "title", "points"], tablefmt="github") + "\n"
    return "\n".join([head] + [exercise_markdown(r, verbose) for r in results])


def exercise_json(result: ExerciseResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def all_json(results: list[ExerciseResult]) -> str:
    return json.dumps({"score": _number(sum(r.score for r in results)),
                       "max_score": _number(sum(r.max_score for r in results)),
                       "exercises": [r.to_json() for r in results]}, ensure_ascii=False)


def sandbox_line(results: list[ExerciseResult]) -> str | None:
    """'sandbox: netns, landlock, seccomp, rlimits', naming the layers this machine lacked."""
    from grader.sandbox import ALL_LAYERS

    layers = next((r.sandbox for r in results if r.sandbox), None)
    if layers is None:
        return None
    missing = [layer for layer in ALL_LAYERS if layer not in layers]
    return f"sandbox: {', '.join(layers)}" + (f" (unavailable here: {', '.join(missing)})" if missing else "")


def render(results: list[ExerciseResult], fmt: str, verbose: bool, single: bool, color: bool = False) -> str:
    if fmt in ("junit", "gradescope"):
        from grader.formats import gradescope_json, junit_xml

        return junit_xml(results) if fmt == "junit" else gradescope_json(results, sum(r.seconds for r in results))
    if fmt == "table":
        text = exercise_table(results[0], verbose, color) if single else all_table(results, verbose, color)
        line = sandbox_line(results)
        return text + (f"\n{line}" if line else "")
    if fmt == "json":
        return exercise_json(results[0]) if single else all_json(results)
    if fmt == "markdown":
        return exercise_markdown(results[0], verbose) if single else all_markdown(results, verbose)
    return exercise_table(results[0], verbose) if single else all_table(results, verbose)
