"""An exercise's report in Markdown: the `--format markdown` report and the feedback files
`grade batch` writes (gradebook.py). It reads well raw too: a heading, a bullet per check to
act on with its message as paragraphs, skipped checks folded, passed ones counted, the
exercises not started and the files not submitted in one paragraph each; lines are
wrapped at MARKDOWN_WIDTH at spaces only (so nothing changes when rendered), and no wrapped
line can start a Markdown block of its own or carry raw HTML from a student's exception.
"""

from __future__ import annotations

import re

from grader.core.results import ExerciseResult, Status
from grader.reports.text_report import with_tail
from grader.reports.textfit import printable, wrap
from grader.reports.wording import (MARK, STATUS_WORD, block_messages, check_name, fold_line, folds,
                                    integrity_notes, is_block, mistakes_named_once, not_started_line,
                                    passed_checks, passed_line, points, unsubmitted_line)

MARKDOWN_WIDTH = 80  # raw Markdown lines are wrapped here (at spaces only: no word is cut)

# A wrapped line must not start a Markdown block of its own (a list item, a heading, a quote...).
_BLOCK_START = re.compile(r"([#>]|[-+*](?=\s|$)|[-=]+\s*$|`{3}|~{3})")
_ORDERED_START = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")  # raw HTML (a student's exception could hold some)


def _md_line(line: str, indent: str) -> str:
    text = _HTML_START.sub(r"\\<", line[len(indent):])
    stripped = text.lstrip(" ")
    pad = text[:len(text) - len(stripped)]
    if _BLOCK_START.match(stripped):
        stripped = "\\" + stripped
    elif _ORDERED_START.match(stripped):
        stripped = _ORDERED_START.sub(r"\1\\\2", stripped, count=1)
    return indent + pad + stripped


def _md_lines(lines: list[str], first: str, rest: str) -> list[str]:
    return [_md_line(line, first if i == 0 else rest) if line.strip() else "" for i, line in enumerate(lines)]


def _md_wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """Markdown prose wrapped at spaces (no word cut, so nothing changes when rendered)."""
    return _md_lines(wrap(text, MARKDOWN_WIDTH, first=first, rest=rest, cut_words=False), first, rest)


def _md_bold(text: str) -> str:
    return "**" + printable(text).replace("*", "\\*") + "**"


def exercise_markdown(result: ExerciseResult, verbose: bool = False, hide_hidden: bool = False,
                      heading: str | None = None) -> str:
    """One exercise in Markdown that reads well raw too: a bullet per check to act on, with its
    message as paragraphs; skipped checks folded; passed ones counted (listed when `verbose`).
    `hide_hidden`: hidden checks show neither name nor message (feedback before grades are out)."""
    lines = [heading or f"## {printable(result.exercise)} — {printable(result.title)}", ""]
    if heading is None:
        lines += [f"**Score: {points(result.score, result.max_score)}**", ""]
    if result.error:
        lines += _md_wrap(result.error, "> ", "> ") + [""]
    for note in result.notes + integrity_notes(result):
        lines += _md_wrap(note, "Note: ") + [""]
    if result.error and not verbose:
        return "\n".join(lines).rstrip() + "\n"
    blocks = [c for c in result.checks if is_block(c)]
    said_once = blocks if verbose else mistakes_named_once(blocks, hide_hidden)
    for check, message in zip(blocks, block_messages(said_once, full=verbose, hide_hidden=hide_hidden)):
        status = Status(check.status)
        title = wrap(f"{MARK[status]} {_md_bold(check_name(check, hide_hidden))}", MARKDOWN_WIDTH, "- ", "  ",
                     cut_words=False)
        title = with_tail(title, f" — {STATUS_WORD[status]}, {points(check.score, check.max_score)}",
                          MARKDOWN_WIDTH, "  ")
        lines += _md_lines(title, "- ", "  ") + [""]
        if message:
            for paragraph in message.split("\n"):
                lines += _md_wrap(paragraph, "  ", "  ") + [""]
    for fold in folds(result, hide_hidden):
        lines += _md_wrap(fold_line(fold, more=bool(blocks)), "- ", "  ") + [""]
        if verbose:
            for check in fold.checks:
                lines += _md_wrap(f"{check_name(check, hide_hidden)}, {points(0, check.max_score)}", "  - ", "    ")
            lines.append("")
    passed = passed_line(result, verbose)
    if passed:
        lines += _md_wrap(passed.replace(" (--verbose lists them)", "")) + [""]
    if verbose:
        for check in passed_checks(result):
            lines += _md_wrap(f"{MARK[Status.PASSED]} {check_name(check, hide_hidden)}, "
                              f"{points(check.score, check.max_score)}", "- ", "  ")
    return "\n".join(lines).rstrip() + "\n"


def said_once_markdown(results: list[ExerciseResult], unsubmitted: str = "Not submitted yet") -> list[str]:
    """The exercises not started, then the files not submitted, in a paragraph each for all of them."""
    lines: list[str] = []
    for line in (not_started_line(results), unsubmitted_line(results, unsubmitted)):
        if line:
            lines += _md_wrap(line) + [""]
    return lines


def all_markdown(results: list[ExerciseResult], verbose: bool = False) -> str:
    """`grade all --format markdown`: the table of every exercise, a section for each one graded,
    then the exercises not started and the files not submitted, one paragraph each (`verbose`:
    every exercise graded has its section)."""
    rows = ["| " + " | ".join([printable(r.exercise), printable(r.title).replace("|", "\\|"),
                               points(r.score, r.max_score)]) + " |" for r in results]
    head = "# Grading report\n\n| exercise | title | points |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    shown = [r for r in results if not r.missing and (verbose or not r.not_started)]
    folded = said_once_markdown([r for r in results if not verbose or r.missing])
    return "\n".join([head] + [exercise_markdown(r, verbose) for r in shown] + ["\n".join(folded)]).rstrip() + "\n"
