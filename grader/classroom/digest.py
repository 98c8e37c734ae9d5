"""What `grade batch` prints at the end: a digest of at most 20 lines fitted to the terminal
(the class, its scores, who did not attempt, the top three things to re-teach, the grades'
scaling into the roster, where the files are), not the whole summary.md."""

from __future__ import annotations

from grader.reports.classstats import ClassStats, figure, percent
from grader.core.results import _number
from grader.reports.textfit import display_width, printable, wrap

MAX_LINES = 20
RETEACH = 3


def _fit(text: str, width: int) -> str:
    """One line: wrapped text cut to its first line, with an ellipsis when something was cut."""
    lines = wrap(printable(text), width, cut_words=True)
    if len(lines) == 1:
        return lines[0]
    first = lines[0]
    while display_width(first + "…") > width:
        first = first[:-1]
    return first + "…"


def digest(stats: ClassStats, out: str, files: list[str], scales: list[str], roster_note: str | None,
           width: int) -> list[str]:
    total = stats.total
    lines = [f"Class: {stats.students} students, {total.submitted} handed something in, "
             f"{len(total.not_attempted)} only stubs, {len(stats.submitted_nothing)} nothing."]
    if total.scores:
        lines.append(f"Total: mean {figure(total.figure('mean'))}, median {figure(total.figure('median'))} of "
                     f"{_number(total.max_score)} (over the {total.attempted} who attempted something).")
    not_attempted = [f"{e.exercise} {len(e.not_attempted)}" for e in stats.exercises if e.not_attempted]
    if not_attempted:
        lines.append("Not attempted (the stub as given): " + ", ".join(not_attempted) + ".")
    if stats.errored:
        lines.append(f"Errored or timed out: {len(stats.errored)} (listed in summary.md).")
    things = [f"{c.exercise}: {c.check} ({percent(c)}, {c.failed} of {c.graded})" for c in stats.most_failed]
    mistakes = [f"{m.exercise}: {m.mistake} ({m.students} student{'s' if m.students != 1 else ''})"
                for m in stats.mistakes]
    top = (mistakes[:1] + things)[:RETEACH] if mistakes else things[:RETEACH]
    if top:
        lines.append("Re-teach first:")
        lines += [f"  {i}. {thing}" for i, thing in enumerate(top, start=1)]
    else:
        lines.append("Re-teach first: nothing; every graded check passed.")
    lines += [f"Roster: {scale}." for scale in scales]
    if roster_note:
        lines.append(roster_note)
    fitted = [_fit(line, width) for line in lines[:MAX_LINES - 2]]
    fitted += wrap(printable(f"Files in {out}/: " + ", ".join(files) + "."), width, rest="  ")[:2]
    return fitted
