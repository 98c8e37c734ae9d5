"""The grid of checks (`--format table`), for those who want it: a boxed table per exercise, one
row per check (name, kind, points, status, message), fitted to the terminal's width; the
kind column goes first when the messages would have too little room. `grade all --format
table` starts with the same summary rows as the text report and ends with the same lines for
the exercises not started and the files not submitted.
"""

from __future__ import annotations

from grader.core.results import CheckResult, ExerciseResult, Status
from grader.reports.tablefit import grid
from grader.reports.text_report import HANG, every_exercise, title_lines
from grader.reports.textfit import display_width, printable, terminal_width, wrap
from grader.reports.wording import check_name, integrity_notes, passed_checks, points, style

TABLE_NAME_WIDTH = 30
TABLE_MESSAGE_MAX = 80
_TABLE_STATUS = {Status.PASSED: "✓ passed", Status.FAILED: "✗ failed", Status.ERROR: "! error",
                 Status.TIMEOUT: "⏱ timeout", Status.SKIPPED: "– skipped"}


def _table_sizes(shown: list[CheckResult], width: int, with_kind: bool) -> list[int] | None:
    """Column sizes for check, [kind,] points, status and message within `width`; None when the
    kind column leaves the messages too little room."""
    fixed = [max(len("points"), *(len(points(c.score, c.max_score)) for c in shown)),
             max(len("status"), *(display_width(_TABLE_STATUS[Status(c.status)]) for c in shown))]
    if with_kind:
        fixed.insert(0, max(len("kind"), *(len(c.kind) for c in shown)))
    room = width - (3 * (len(fixed) + 2) + 1) - sum(fixed)  # each column has "│ " and " " around it
    longest_name = max(len("check"), *(display_width(check_name(c, False)) for c in shown))
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
    lines = title_lines(result, width)
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
            cells = [wrap(check_name(c, False), sizes[0]), [points(c.score, c.max_score)],
                     [style(status, c.status, color)], wrap(c.message, sizes[-1])]
            if with_kind:
                cells.insert(1, wrap(c.kind, sizes[1]))
            rows.append(cells)
        headers = ["check"] + (["kind"] if with_kind else []) + ["points", "status", "message"]
        lines += grid([[header] for header in headers], rows, sizes)
    passed = len(passed_checks(result))
    if not verbose and passed and passed != len(result.checks):
        lines.append(f"{passed} of {len(result.checks)} checks passed (--verbose lists them).")
    elif result.all_passed:
        lines.append(f"All {passed} checks passed.")
    lines.append(f"Score: {points(result.score, result.max_score)}")
    if verbose and result.output.strip():
        lines.append("What your code printed:")
        lines += wrap(result.output.rstrip(), width, first="  | ", rest="  | ")
    return "\n".join(lines)


def all_table(results: list[ExerciseResult], verbose: bool = False, color: bool = False,
              width: int | None = None) -> str:
    """The summary rows, a grid for each exercise that needs work, then the exercises not
    started and the files not submitted in one line each, as `grade all` says them."""
    return every_exercise(results, exercise_table, verbose, color, width)
