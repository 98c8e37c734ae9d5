"""Rendering results for people (a report for the terminal, a grid, Markdown) and for tools (JSON).

The terminal report leads with what to fix: a short block per failed check, the checks
skipped for one cause folded into one line, the passed ones counted. Every line fits the
terminal (its width measured as a terminal shows it: colour codes take no room, wide
characters two columns), and text that came from student code is shown, never obeyed:
its control characters are printed escaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import PurePath

from grader.core.results import CheckResult, ExerciseResult, Status, _number
from grader.reports.textfit import cut, display_width, printable, terminal_width, wrap

TEXT_MAX_WIDTH = 100  # prose wider than this is hard to read, however wide the terminal
MARKDOWN_WIDTH = 80  # raw Markdown lines are wrapped here (at spaces only: no word is cut)


# ---------------------------------------------------------------- what a report says

_STATUS_WORD = {Status.FAILED: "failed", Status.ERROR: "error", Status.TIMEOUT: "timed out",
                Status.SKIPPED: "skipped", Status.PASSED: "passed"}
_MARK = {Status.PASSED: "✓", Status.FAILED: "✗", Status.ERROR: "!", Status.TIMEOUT: "⏱", Status.SKIPPED: "–"}
_COLOR = {Status.PASSED: "green", Status.FAILED: "red", Status.ERROR: "red", Status.TIMEOUT: "yellow",
          Status.SKIPPED: "bright_black"}
# The plugin's words for a check that waits on another (grader/grading/plugin.py `_reason_not_to_run`).
HIDDEN_NAME = "hidden check"


def _style(text: str, status: str, color: bool) -> str:
    if not color:
        return text
    import click

    return click.style(text, fg=_COLOR[Status(status)])


def _points(score, max_score) -> str:
    return f"{_number(score)}/{_number(max_score)}"


def _plural(count: float, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _name(check: CheckResult, hide_hidden: bool) -> str:
    if check.hidden and hide_hidden:
        return HIDDEN_NAME
    return check.name + (" (hidden)" if check.hidden else "")


def _is_block(check: CheckResult) -> bool:
    """A check the student must act on: it ran and did not pass. One that never ran is folded."""
    return check.status in (Status.FAILED, Status.ERROR, Status.TIMEOUT) and not check.message.startswith("not run:")


@dataclass
class Fold:
    """Checks that did not run for one cause, said in one line."""

    status: str
    checks: list[CheckResult]
    waits_for: str | None  # the check they wait for, as shown: '"<name>"', or 'a hidden check'
    reason: str = ""  # otherwise why they did not run, as their message says it


def _cause(check: CheckResult, by_id: dict[str, CheckResult]) -> tuple[CheckResult, CheckResult | None]:
    """Why a check did not run: (the last skipped check of its chain, the check that one waits
    for, or None when it did not run for a reason of its own). A check waiting on a skipped
    check waits on that one's cause, down to the failure at the root of the chain."""
    seen = {check.id}
    while check.waits_for and check.waits_for in by_id:
        root = by_id[check.waits_for]
        if root.status != Status.SKIPPED or root.id in seen:
            return check, root
        seen.add(root.id)
        check = root
    return check, None


def folds(result: ExerciseResult, hide_hidden: bool = False) -> list[Fold]:
    """The checks that did not run, grouped by their root cause, in the order of the checks."""
    by_id = {c.id: c for c in result.checks}
    groups: dict[tuple, Fold] = {}
    for check in result.checks:
        if check.status == Status.PASSED or _is_block(check):
            continue
        last, root = _cause(check, by_id)
        key = ("waits", root.id) if root is not None else ("reason", last.message, last.status)
        if key not in groups:
            if root is not None:
                hidden = root.hidden and hide_hidden
                groups[key] = Fold(Status.SKIPPED, [], "a hidden check" if hidden else f'"{root.name}"')
            else:
                groups[key] = Fold(last.status, [], None, last.message)
        groups[key].checks.append(check)
    return list(groups.values())


def fold_line(fold: Fold, more: bool) -> str:
    """'8 more checks (17 points) wait for "<name>" to pass.', '3 more checks (5 points) skipped:
    `fn` is not implemented yet (see above).' or '15 checks (26 points) not run: <why>.'"""
    count = len(fold.checks)
    points = _plural(_number(sum(c.max_score for c in fold.checks)), "point")
    head = f"{count} more" if more else str(count)
    head += f" {'check' if count == 1 else 'checks'} ({points})"
    if fold.waits_for is not None:
        return f"{head} {'waits' if count == 1 else 'wait'} for {fold.waits_for} to pass."
    reason = fold.reason if fold.reason.rstrip().endswith((".", "!", "?")) else f"{fold.reason}."
    if reason.startswith("not run: "):
        return f"{head} {reason}"
    return f"{head} skipped: {reason.removeprefix('skipped: ')}"


def _first_sentence(paragraph: str) -> str:
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[:end + 1]


def block_messages(checks: list[CheckResult], full: bool, hide_hidden: bool = False) -> list[str]:
    """The messages of the checks to act on. Help said in full for an earlier check (the same
    known mistake named by four checks) is said again in its first sentence only, unless `full`.
    `hide_hidden`: a hidden check's message is not shown (nor counted as said)."""
    said: set[str] = set()
    messages = []
    for check in checks:
        if check.hidden and hide_hidden:
            messages.append("")
            continue
        paragraphs = check.message.split("\n")
        help_text = paragraphs[1:]  # the first paragraph is the symptom: always in full
        for i, paragraph in enumerate(help_text, start=1):
            short = _first_sentence(paragraph)
            if paragraph in said and not full and short != paragraph:
                paragraphs[i] = f"{short} (as above)"
        said.update(help_text)
        messages.append("\n".join(paragraphs))
    return messages


MISTAKE_PREFIX = "This looks like a known mistake: "  # grader/misconceptions.py `Misconception.verdict`


def named_mistake(message: str) -> str | None:
    """The known mistake a check's message names ("the ReLU is missing"), or None."""
    start = message.find(MISTAKE_PREFIX)
    if start < 0:
        return None
    rest = message[start + len(MISTAKE_PREFIX):].split("\n", 1)[0]
    end = rest.find(". ")
    name = (rest if end < 0 else rest[:end]).strip().removesuffix(".").strip()
    return name or None


def _mistakes_named_once(checks: list[CheckResult], hide_hidden: bool) -> list[CheckResult]:
    """A known mistake named by several checks of an exercise is explained at the first one
    shown; later ones name it in a short line (their symptom is still said in full)."""
    said: set[str] = set()
    out = []
    for check in checks:
        if check.hidden and hide_hidden:  # not shown: it explains nothing to the student
            out.append(check)
            continue
        paragraphs = check.message.split("\n")
        for i, paragraph in enumerate(paragraphs):
            name = named_mistake(paragraph) if paragraph.startswith(MISTAKE_PREFIX) else None
            if name is None:
                continue
            if name in said:
                paragraphs[i] = f"The same known mistake as above: {name}."
            said.add(name)
        out.append(replace(check, message="\n".join(paragraphs)))
    return out


def _passed(result: ExerciseResult) -> list[CheckResult]:
    return [c for c in result.checks if c.status == Status.PASSED]


def _passed_line(result: ExerciseResult, verbose: bool) -> str | None:
    passed = len(_passed(result))
    if result.all_passed:
        return f"All {passed} checks passed."
    if passed and not verbose:
        return f"{passed} of {len(result.checks)} checks passed (--verbose lists them)."
    if passed:
        return f"{passed} of {len(result.checks)} checks passed:"
    return None


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


# ---------------------------------------------------------------- the report for a terminal

MESSAGE_INDENT = "    "
HANG = "  "  # a paragraph's later lines sit under its first word's second column


def _title(result: ExerciseResult, width: int) -> list[str]:
    return wrap(f"{result.exercise} — {result.title}   ({result.file})", width, hang=HANG)


def _with_tail(lines: list[str], tail: str, width: int, rest: str) -> list[str]:
    """`tail` (", 0/2") after the last line, or on a line of its own when it does not fit."""
    if display_width(lines[-1] + tail) <= width:
        return lines[:-1] + [lines[-1] + tail]
    return lines + [rest + tail.lstrip(" ,")]


def _check_line(check: CheckResult, first: str, rest: str, width: int, tail: str = "") -> list[str]:
    """A check's name, wrapped, then its points (and `tail`) kept together."""
    lines = wrap(_name(check, False), width, first=first, rest=rest)
    return _with_tail(lines, f"{tail}, {_points(check.score, check.max_score)}", width, rest)


def _check_header(check: CheckResult, color: bool, width: int) -> list[str]:
    mark = _MARK[Status(check.status)]
    lines = _check_line(check, f"{mark} ", HANG, width, tail=f" — {_STATUS_WORD[Status(check.status)]}")
    if color:
        lines[0] = _style(mark, check.status, True) + lines[0][len(mark):]
    return lines


def exercise_text(result: ExerciseResult, verbose: bool = False, color: bool = False,
                  width: int | None = None) -> str:
    """One exercise, what to fix first; every line at most `width` columns (default: the terminal's)."""
    width = min(width or terminal_width(), TEXT_MAX_WIDTH)
    lines = _title(result, width)
    if result.error:
        lines += wrap(result.error, width, first=_style("✗ ", Status.FAILED, color), rest=HANG)
    for note in result.notes + integrity_notes(result):
        lines += wrap(note, width, first="note: ", rest=HANG)
    if not result.error or verbose:
        lines += _checks_text(result, verbose, color, width)
    lines.append(f"Score: {_points(result.score, result.max_score)}")
    if verbose and result.output.strip():
        lines.append("What your code printed:")
        lines += wrap(result.output.rstrip(), width, first="  | ", rest="  | ")
    return "\n".join(lines)


def _checks_text(result: ExerciseResult, verbose: bool, color: bool, width: int) -> list[str]:
    blocks = [c for c in result.checks if _is_block(c)]
    lines: list[str] = []
    for check, message in zip(blocks, block_messages(blocks, full=verbose)):
        lines += [""] + _check_header(check, color, width)
        if message:
            lines += wrap(message, width, first=MESSAGE_INDENT, hang=HANG)
    summary = []
    for fold in folds(result):
        mark = _MARK[Status(fold.status)]
        folded = wrap(fold_line(fold, more=bool(blocks)), width, first=f"{mark} ", rest=HANG)
        folded[0] = _style(mark, fold.status, color) + folded[0][len(mark):]
        summary += folded
        if verbose:
            for check in fold.checks:
                summary += _check_line(check, f"{HANG}{mark} ", HANG * 2, width)
    passed = _passed_line(result, verbose)
    if passed:
        summary += wrap(passed, width, first=_style(_MARK[Status.PASSED], Status.PASSED, color) + " ", rest=HANG)
    if verbose:
        for check in _passed(result):
            summary += _check_line(check, f"{HANG}{_MARK[Status.PASSED]} ", HANG * 2, width)
    return lines + ([""] + summary if summary else []) + [""]


def summary_text(results: list[ExerciseResult], width: int | None = None) -> str:
    """`grade all`'s first part: a row per exercise and the total; long titles cut to fit."""
    width = width or terminal_width()
    headers = ["exercise", "title", "points", "status"]
    rows = [[r.exercise, r.title, _points(r.score, r.max_score), _state(r)] for r in results]
    total = sum(r.score for r in results), sum(r.max_score for r in results)
    rows.append(["total", "", _points(*total), ""])
    sizes = [max(display_width(printable(row[i])) for row in rows + [headers]) for i in range(4)]
    sizes[1] = max(5, min(sizes[1], width - sizes[0] - sizes[2] - sizes[3] - 6))
    out = []
    for row in [headers, ["-" * s for s in sizes]] + rows:
        cells = [_pad(_truncate(printable(cell), size), size) for cell, size in zip(row, sizes)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def _truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    head, _ = cut(text, width - 1)
    while display_width(head) > width - 1:
        head = head[:-1]
    return head + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _unsubmitted(results: list[ExerciseResult], width: int) -> list[str]:
    missing = [r for r in results if r.missing]
    if not missing:
        return []
    folders = {str(PurePath(r.file).parent) for r in missing}
    where = f" (looked in {folders.pop()})" if len(folders) == 1 else ""
    names = ", ".join(PurePath(r.file).name for r in missing)
    return wrap(f"Not submitted yet: {names}{where}.", width, rest=HANG)


def _not_started(result: ExerciseResult, width: int) -> str:
    return "\n".join(wrap(f"{result.exercise} — {result.title}: not started yet ({result.file} still has the "
                          f"template's NotImplementedError). `grade {result.exercise}` shows its checks; "
                          f"`grade hint {result.exercise}` helps.", width, rest=HANG))


def all_text(results: list[ExerciseResult], verbose: bool = False, color: bool = False,
             width: int | None = None) -> str:
    """`grade all`: the summary rows, then a report for each exercise that needs work."""
    width = width or terminal_width()
    parts = [summary_text(results, width)]
    for r in results:
        if r.missing:
            continue
        if r.not_started and not verbose:
            parts.append(_not_started(r, min(width, TEXT_MAX_WIDTH)))
        elif verbose or not r.all_passed:
            parts.append(exercise_text(r, verbose, color, width))
    unsubmitted = _unsubmitted(results, min(width, TEXT_MAX_WIDTH))
    if unsubmitted:
        parts.append("\n".join(unsubmitted))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- the grid (--format table)

TABLE_NAME_WIDTH = 30
TABLE_MESSAGE_MAX = 80
_TABLE_STATUS = {Status.PASSED: "✓ passed", Status.FAILED: "✗ failed", Status.ERROR: "! error",
                 Status.TIMEOUT: "⏱ timeout", Status.SKIPPED: "– skipped"}


def _grid(headers: list[str], rows: list[list[list[str]]], sizes: list[int]) -> list[str]:
    """A boxed table; each cell is its lines, already wrapped to its column's size."""
    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (size + 2) for size in sizes) + right

    def row_lines(cells: list[list[str]]) -> list[str]:
        height = max(len(cell) for cell in cells)
        cells = [cell + [""] * (height - len(cell)) for cell in cells]
        return ["│" + "│".join(f" {_pad(cell[i], size)} " for cell, size in zip(cells, sizes)) + "│"
                for i in range(height)]

    out = [rule("┌", "┬", "┐")] + row_lines([[h] for h in headers])
    for cells in rows:
        out += [rule("├", "┼", "┤")] + row_lines(cells)
    return out + [rule("└", "┴", "┘")]


def _table_sizes(shown: list[CheckResult], width: int, with_kind: bool) -> list[int] | None:
    """Column sizes for check, [kind,] points, status and message within `width`; None when the
    kind column leaves the messages too little room."""
    fixed = [max(len("points"), *(len(_points(c.score, c.max_score)) for c in shown)),
             max(len("status"), *(display_width(_TABLE_STATUS[Status(c.status)]) for c in shown))]
    if with_kind:
        fixed.insert(0, max(len("kind"), *(len(c.kind) for c in shown)))
    room = width - (3 * (len(fixed) + 2) + 1) - sum(fixed)  # each column has "│ " and " " around it
    longest_name = max(len("check"), *(display_width(_name(c, False)) for c in shown))
    longest_message = max(len("message"), *(display_width(line) for c in shown
                                            for line in printable(c.message).split("\n")))
    name = min(longest_name, TABLE_NAME_WIDTH, max(10, room * 2 // 5))
    message = min(max(room - name, 10), TABLE_MESSAGE_MAX, longest_message)
    if with_kind and message < min(20, longest_message):
        return None
    name = max(1, min(longest_name, TABLE_NAME_WIDTH, room - message))  # what the messages leave goes to the names
    return [name] + fixed + [message]


def exercise_table(result: ExerciseResult, verbose: bool = False, color: bool = False,
                   width: int | None = None) -> str:
    """The grid of checks, for those who want it; fits `width` (the kind column goes first)."""
    width = width or terminal_width()
    lines = _title(result, width)
    if result.error:
        lines += wrap(result.error, width, first="✗ ", rest=HANG)
    for note in result.notes + integrity_notes(result):
        lines += wrap(note, width, first="note: ", rest=HANG)
    shown = [c for c in result.checks if verbose or c.status != Status.PASSED]
    if shown and not (result.error and not verbose):
        sizes = _table_sizes(shown, width, with_kind=True)
        with_kind = sizes is not None
        sizes = sizes or _table_sizes(shown, width, with_kind=False)
        rows = []
        for c in shown:
            status = _TABLE_STATUS[Status(c.status)] if color else c.status
            cells = [wrap(_name(c, False), sizes[0]), [_points(c.score, c.max_score)],
                     [_style(status, c.status, color)], wrap(c.message, sizes[-1])]
            if with_kind:
                cells.insert(1, wrap(c.kind, sizes[1]))
            rows.append(cells)
        headers = ["check"] + (["kind"] if with_kind else []) + ["points", "status", "message"]
        lines += _grid(headers, rows, sizes)
    passed = len(_passed(result))
    if not verbose and passed and passed != len(result.checks):
        lines.append(f"{passed} of {len(result.checks)} checks passed (--verbose lists them).")
    elif result.all_passed:
        lines.append(f"All {passed} checks passed.")
    lines.append(f"Score: {_points(result.score, result.max_score)}")
    if verbose and result.output.strip():
        lines.append("What your code printed:")
        lines += wrap(result.output.rstrip(), width, first="  | ", rest="  | ")
    return "\n".join(lines)


def all_table(results: list[ExerciseResult], verbose: bool = False, color: bool = False,
              width: int | None = None) -> str:
    width = width or terminal_width()
    parts = [summary_text(results, width)]
    for r in results:
        if r.not_started and not verbose:
            parts.append(_not_started(r, width))
        elif verbose or not r.all_passed:
            parts.append(exercise_table(r, verbose, color, width))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- Markdown (reports, feedback files)

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
        lines += [f"**Score: {_points(result.score, result.max_score)}**", ""]
    if result.error:
        lines += _md_wrap(result.error, "> ", "> ") + [""]
    for note in result.notes + integrity_notes(result):
        lines += _md_wrap(note, "Note: ") + [""]
    if result.error and not verbose:
        return "\n".join(lines).rstrip() + "\n"
    blocks = [c for c in result.checks if _is_block(c)]
    said_once = blocks if verbose else _mistakes_named_once(blocks, hide_hidden)
    for check, message in zip(blocks, block_messages(said_once, full=verbose, hide_hidden=hide_hidden)):
        status = Status(check.status)
        title = wrap(f"{_MARK[status]} {_md_bold(_name(check, hide_hidden))}", MARKDOWN_WIDTH, "- ", "  ",
                     cut_words=False)
        title = _with_tail(title, f" — {_STATUS_WORD[status]}, {_points(check.score, check.max_score)}",
                           MARKDOWN_WIDTH, "  ")
        lines += _md_lines(title, "- ", "  ") + [""]
        if message:
            for paragraph in message.split("\n"):
                lines += _md_wrap(paragraph, "  ", "  ") + [""]
    for fold in folds(result, hide_hidden):
        lines += _md_wrap(fold_line(fold, more=bool(blocks)), "- ", "  ") + [""]
        if verbose:
            for check in fold.checks:
                lines += _md_wrap(f"{_name(check, hide_hidden)}, {_points(0, check.max_score)}", "  - ", "    ")
            lines.append("")
    passed = _passed_line(result, verbose)
    if passed:
        lines += _md_wrap(passed.replace(" (--verbose lists them)", "")) + [""]
    if verbose:
        for check in _passed(result):
            lines += _md_wrap(f"{_MARK[Status.PASSED]} {_name(check, hide_hidden)}, "
                              f"{_points(check.score, check.max_score)}", "- ", "  ")
    return "\n".join(lines).rstrip() + "\n"


def all_markdown(results: list[ExerciseResult], verbose: bool = False) -> str:
    rows = ["| " + " | ".join([printable(r.exercise), printable(r.title).replace("|", "\\|"),
                               _points(r.score, r.max_score)]) + " |" for r in results]
    head = "# Grading report\n\n| exercise | title | points |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    return "\n".join([head] + [exercise_markdown(r, verbose) for r in results])


# ---------------------------------------------------------------- JSON

def exercise_json(result: ExerciseResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def all_json(results: list[ExerciseResult]) -> str:
    return json.dumps({"score": _number(sum(r.score for r in results)),
                       "max_score": _number(sum(r.max_score for r in results)),
                       "exercises": [r.to_json() for r in results]}, ensure_ascii=False)


# ---------------------------------------------------------------- choosing a format

def integrity_notes(result: ExerciseResult) -> list[str]:
    """What the grader refused the code (integrity.py), in one note: the student's own code got a
    PermissionError there, and should know why (and that it is reported)."""
    if not result.integrity:
        return []
    shown = ", ".join(f"{printable(f.get('event', ''))} at {printable(f.get('where', ''))}"
                      for f in result.integrity[:3])
    more = f" and {len(result.integrity) - 3} more" if len(result.integrity) > 3 else ""
    return [f"the grader refused what your code tried ({shown}{more}): code that reaches into the grader gets "
            "a PermissionError, and your instructor is told."]


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
