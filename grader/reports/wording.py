"""What a report says about an exercise, whatever its format: the words, marks and colours of
each status, the points, which checks are to act on and which are folded (checks that did not
run for one cause, said in one line naming the root failure), help said in full once, the
known mistakes a message names, and what the grader refused the student's code.

Exercises not started and files not submitted are said once for all of them, in one line each.

The text, grid and Markdown reports (text_report.py, table_report.py, markdown_report.py) lay
these out; classstats.py counts the named mistakes across a class.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath

from grader.core.results import CheckResult, ExerciseResult, Status, _number
from grader.reports.textfit import printable

STATUS_WORD = {Status.FAILED: "failed", Status.ERROR: "error", Status.TIMEOUT: "timed out",
                Status.SKIPPED: "skipped", Status.PASSED: "passed"}
MARK = {Status.PASSED: "✓", Status.FAILED: "✗", Status.ERROR: "!", Status.TIMEOUT: "⏱", Status.SKIPPED: "–"}
_COLOR = {Status.PASSED: "green", Status.FAILED: "red", Status.ERROR: "red", Status.TIMEOUT: "yellow",
          Status.SKIPPED: "bright_black"}
# The plugin's words for a check that waits on another (grader/grading/plugin.py `_reason_not_to_run`).
HIDDEN_NAME = "hidden check"


def style(text: str, status: str, color: bool) -> str:
    if not color:
        return text
    import click

    return click.style(text, fg=_COLOR[Status(status)])


def points(score, max_score) -> str:
    return f"{_number(score)}/{_number(max_score)}"


def _plural(count: float, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def check_name(check: CheckResult, hide_hidden: bool) -> str:
    if check.hidden and hide_hidden:
        return HIDDEN_NAME
    return check.name + (" (hidden)" if check.hidden else "")


def is_block(check: CheckResult) -> bool:
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
        if check.status == Status.PASSED or is_block(check):
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
    worth = _plural(_number(sum(c.max_score for c in fold.checks)), "point")
    head = f"{count} more" if more else str(count)
    head += f" {'check' if count == 1 else 'checks'} ({worth})"
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


def mistakes_named_once(checks: list[CheckResult], hide_hidden: bool) -> list[CheckResult]:
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


def passed_checks(result: ExerciseResult) -> list[CheckResult]:
    return [c for c in result.checks if c.status == Status.PASSED]


def passed_line(result: ExerciseResult, verbose: bool) -> str | None:
    passed = len(passed_checks(result))
    if result.all_passed:
        return f"All {passed} checks passed."
    if passed and not verbose:
        return f"{passed} of {len(result.checks)} checks passed (--verbose lists them)."
    if passed:
        return f"{passed} of {len(result.checks)} checks passed:"
    return None


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


def not_started(results: list[ExerciseResult]) -> list[str]:
    """The exercises whose every function is still the template's stub (a file was handed in)."""
    return [r.exercise for r in results if r.not_started and not r.missing]


def not_started_line(results: list[ExerciseResult]) -> str | None:
    """The exercises whose every function is still the template's stub, in one line:
    "Not started: ex4, ex6, ex7 — `grade hint ex4` to begin."; None when there are none."""
    names = not_started(results)
    if not names:
        return None
    return f"Not started: {', '.join(names)} — `grade hint {names[0]}` to begin."


LOOKED_IN = " submitted (looked in "  # grader/core/submission.py `read_submission`: "no ex3.py submitted (looked in X)"


def _looked_in(result: ExerciseResult) -> str | None:
    """Where a file not submitted was looked for, as the student knows it: the folder its
    message names (a batch's record keeps only the file's name), else the file's own folder."""
    error = result.error or ""
    if LOOKED_IN in error and error.endswith(")"):
        return error.split(LOOKED_IN, 1)[1][:-1]
    folder = str(PurePath(result.file).parent)
    return None if folder == "." else folder


def unsubmitted_line(results: list[ExerciseResult], lead: str = "Not submitted yet") -> str | None:
    """The files not found, in one line, with where they were looked for:
    "Not submitted yet: ex1.py, ex2.py (looked in work)."; None when every file was there."""
    missing = [r for r in results if r.missing]
    if not missing:
        return None
    by_folder: dict[str | None, list[str]] = {}
    for r in missing:
        by_folder.setdefault(_looked_in(r), []).append(PurePath(r.file).name)
    said = "; ".join(", ".join(names) + (f" (looked in {folder})" if folder else "")
                     for folder, names in by_folder.items())
    return f"{lead}: {said}."
