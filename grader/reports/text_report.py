"""The report for a terminal (`grade ex3`, `grade all`): what to fix first.

A short block per check to act on (its name, status and points, then its message wrapped
under it), the checks skipped for one cause folded into one line, the passed ones counted
(`--verbose` lists them). `grade all` says the exercises not started and the files not
submitted in one line each. Every line fits the terminal: widths are measured as a terminal
shows them (textfit.py), prose stops at TEXT_MAX_WIDTH however wide the terminal, and text
that came from student code is shown escaped, never obeyed.
"""

from __future__ import annotations

from grader.core.results import CheckResult, ExerciseResult, Status
from grader.reports.textfit import TEXT_MAX_WIDTH, cut, display_width, pad, printable, terminal_width, wrap
from grader.reports.wording import (MARK, STATUS_WORD, block_messages, check_name, fold_line, folds,
                                    integrity_notes, is_block, not_started_line, passed_checks, passed_line,
                                    points, style, unsubmitted_line)

MESSAGE_INDENT = "    "
HANG = "  "  # a paragraph's later lines sit under its first word's second column


def title_lines(result: ExerciseResult, width: int) -> list[str]:
    return wrap(f"{result.exercise} — {result.title}   ({result.file})", width, hang=HANG)


def with_tail(lines: list[str], tail: str, width: int, rest: str) -> list[str]:
    """`tail` (", 0/2") after the last line, or on a line of its own when it does not fit."""
    if display_width(lines[-1] + tail) <= width:
        return lines[:-1] + [lines[-1] + tail]
    return lines + [rest + tail.lstrip(" ,")]


def _check_line(check: CheckResult, first: str, rest: str, width: int, tail: str = "") -> list[str]:
    """A check's name, wrapped, then its points (and `tail`) kept together."""
    lines = wrap(check_name(check, False), width, first=first, rest=rest)
    return with_tail(lines, f"{tail}, {points(check.score, check.max_score)}", width, rest)


def _check_header(check: CheckResult, color: bool, width: int) -> list[str]:
    mark = MARK[Status(check.status)]
    lines = _check_line(check, f"{mark} ", HANG, width, tail=f" — {STATUS_WORD[Status(check.status)]}")
    if color:
        lines[0] = style(mark, check.status, True) + lines[0][len(mark):]
    return lines


def exercise_text(result: ExerciseResult, verbose: bool = False, color: bool = False,
                  width: int | None = None) -> str:
    """One exercise, what to fix first; every line at most `width` columns (default: the terminal's)."""
    width = min(width or terminal_width(), TEXT_MAX_WIDTH)
    lines = title_lines(result, width)
    if result.error:
        lines += wrap(result.error, width, first=style("✗ ", Status.FAILED, color), rest=HANG)
    for note in result.notes + integrity_notes(result):
        lines += wrap(note, width, first="note: ", rest=HANG)
    if not result.error or verbose:
        lines += _checks_text(result, verbose, color, width)
    lines.append(f"Score: {points(result.score, result.max_score)}")
    if verbose and result.output.strip():
        lines.append("What your code printed:")
        lines += wrap(result.output.rstrip(), width, first="  | ", rest="  | ")
    return "\n".join(lines)


def _checks_text(result: ExerciseResult, verbose: bool, color: bool, width: int) -> list[str]:
    blocks = [c for c in result.checks if is_block(c)]
    lines: list[str] = []
    for check, message in zip(blocks, block_messages(blocks, full=verbose)):
        lines += [""] + _check_header(check, color, width)
        if message:
            lines += wrap(message, width, first=MESSAGE_INDENT, hang=HANG)
    summary = []
    for fold in folds(result):
        mark = MARK[Status(fold.status)]
        folded = wrap(fold_line(fold, more=bool(blocks)), width, first=f"{mark} ", rest=HANG)
        folded[0] = style(mark, fold.status, color) + folded[0][len(mark):]
        summary += folded
        if verbose:
            for check in fold.checks:
                summary += _check_line(check, f"{HANG}{mark} ", HANG * 2, width)
    passed = passed_line(result, verbose)
    if passed:
        summary += wrap(passed, width, first=style(MARK[Status.PASSED], Status.PASSED, color) + " ", rest=HANG)
    if verbose:
        for check in passed_checks(result):
            summary += _check_line(check, f"{HANG}{MARK[Status.PASSED]} ", HANG * 2, width)
    return lines + ([""] + summary if summary else []) + [""]


def _state(result: ExerciseResult) -> str:
    if result.missing:
        return "no file"
    if result.error:
        return "not graded"
    if result.not_started:
        return "not started"
    if result.all_passed:
        return "all passed"
    return f"{sum(c.status != Status.PASSED for c in result.checks)} to fix"


def summary_text(results: list[ExerciseResult], width: int | None = None) -> str:
    """`grade all`'s first part: a row per exercise and the total; a title too long for its
    column goes on under itself (wrapped at spaces, words whole)."""
    width = width or terminal_width()
    headers = ["exercise", "title", "points", "status"]
    rows = [[r.exercise, r.title, points(r.score, r.max_score), _state(r)] for r in results]
    total = sum(r.score for r in results), sum(r.max_score for r in results)
    rows.append(["total", "", points(*total), ""])
    sizes = [max(display_width(printable(row[i])) for row in rows + [headers]) for i in range(4)]
    sizes[1] = max(5, min(sizes[1], width - sizes[0] - sizes[2] - sizes[3] - 6))
    out = []
    for row in [headers, ["-" * s for s in sizes]] + rows:
        titles = wrap(row[1], sizes[1])
        cells = [_truncate(printable(cell), size) for cell, size in zip(row, sizes)]
        for number, title in enumerate(titles):
            shown = [cells[0], title, *cells[2:]] if number == 0 else ["", title, "", ""]
            out.append("  ".join(pad(cell, size) for cell, size in zip(shown, sizes)).rstrip())
    return "\n".join(out)


def _truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    head, _ = cut(text, width - 1)
    while display_width(head) > width - 1:
        head = head[:-1]
    return head + "…"


def said_once(results: list[ExerciseResult], width: int) -> list[str]:
    """The exercises not started, then the files not submitted, each in one line for all of them."""
    lines = []
    for line in (not_started_line(results), unsubmitted_line(results)):
        if line:
            lines += wrap(line, width, rest=HANG)
    return lines


def all_text(results: list[ExerciseResult], verbose: bool = False, color: bool = False,
             width: int | None = None) -> str:
    """`grade all`: the summary rows, then a report for each exercise that needs work, then the
    exercises not started and the files not submitted, one line each (`verbose`: every
    exercise graded is reported in full)."""
    return every_exercise(results, exercise_text, verbose, color, width)


def every_exercise(results: list[ExerciseResult], render, verbose: bool, color: bool, width: int | None) -> str:
    """`grade all` in any layout: the summary rows, `render(result, verbose, color, width)` for each
    exercise that needs work (every one graded when `verbose`), then what is said once."""
    width = width or terminal_width()
    parts = [summary_text(results, width)]
    for r in results:
        if r.missing or (r.not_started and not verbose):
            continue
        if verbose or not r.all_passed:
            parts.append(render(r, verbose, color, width))
    folded = said_once([r for r in results if not verbose or r.missing], min(width, TEXT_MAX_WIDTH))
    if folded:
        parts.append("\n".join(folded))
    return "\n\n".join(parts)
