"""What `grade batch` prints at the end: a digest of at most 20 lines fitted to the terminal
(the class, its scores, who did not attempt, the top three things to re-teach, the grades'
scaling into the roster, where the files are), not the whole summary.md. Its lines wrap at
spaces like the report's; one that would take more than two lines ends in "…" (summary.md
says it all)."""

from __future__ import annotations

from grader.reports.classstats import ClassStats, figure, percent
from grader.core.results import _number
from grader.reports.textfit import display_width, printable, wrap

MAX_LINES = 20
RETEACH = 3
MOST_LINES_EACH = 2  # a thing said in more lines than this is cut at a word, with an ellipsis
FILES_LINES = 5  # where the files are, said in full: a long path is broken after its slashes


def _fit(text: str, width: int, lead: str = "", most: int = MOST_LINES_EACH) -> list[str]:
    """`text` after `lead`, wrapped at spaces (its later lines under its first word), in at most
    `most` lines: the last one kept ends in "…" when something was left out."""
    rest = " " * display_width(lead) if lead.strip() else "  "
    lines = wrap(printable(text), width, first=lead, rest=rest)
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while display_width(last + " …") > width and " " in last.strip():
        last = last[:last.rstrip().rfind(" ")].rstrip()
    while display_width(last + " …") > width:  # one word wider than the terminal: cut, never overflow
        last = last[:-1]
    return lines[:most - 1] + [last + " …"]


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
    entries: list[tuple[str, str]] = [("", line) for line in lines]
    if top:
        entries.append(("", "Re-teach first:"))
        entries += [(f"  {i}. ", thing) for i, thing in enumerate(top, start=1)]
    else:
        entries.append(("", "Re-teach first: nothing; every graded check passed."))
    entries += [("", f"Roster: {scale}.") for scale in scales]
    if roster_note:
        entries.append(("", roster_note))
    where = _fit(f"Files in {out}/: " + ", ".join(files) + ".", width, most=FILES_LINES)
    fitted: list[str] = []
    for lead, text in entries:
        room = MAX_LINES - len(where) - len(fitted)
        if room <= 0:
            break
        fitted += _fit(text, width, lead, min(MOST_LINES_EACH, room))
    return fitted + where
