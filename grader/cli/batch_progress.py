"""What `grade batch` says while and after it grades: the progress, a stop asked for
(Ctrl-C, SIGTERM, SIGHUP), the class digest, and what --only kept."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.cli.common import fitted, say
from grader.grading.course import Course


class Progress:
    """click's progress bar on a terminal (count and ETA), plain lines otherwise."""

    def __init__(self, total: int):
        self.total, self.count = total, 0
        self.bar = None
        if sys.stderr.isatty():
            from grader.reports.textfit import terminal_width

            # The bar shrinks to leave room for its label, count and ETA on one line of the terminal.
            room = terminal_width() - len("grading  []  ") - len(f"{total}/{total}  00:00:00") - 1
            self.bar = click.progressbar(length=total, label="grading", show_eta=True, show_pos=True,
                                         file=sys.stderr, width=max(5, min(36, room)))
            self.bar.__enter__()

    def done(self, record: dict, resumed: bool) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        else:
            note = " (unchanged, kept)" if resumed else ""
            say(f"[{self.count}/{self.total}] {record['student']}: {record['score']:g}/{record['max_score']:g}{note}",
                err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def stop_on_termination() -> None:
    """SIGTERM and SIGHUP end a batch as Ctrl-C does: slots stopped, their temporary folders removed."""
    import signal

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)


def echo_digest(out: Path, written, with_roster: bool) -> None:
    """The class in a few lines, once OUT's files are written (classroom/digest.py)."""
    from grader.classroom.digest import digest
    from grader.classroom.gradebook import ROSTER_OUTPUT
    from grader.reports.textfit import terminal_width

    files = ["summary.md", "summary.html", "gradebook.csv", "results.json", "feedback/"]
    if with_roster:
        files.append(ROSTER_OUTPUT)
    note = None
    match = written.roster_match
    if match is not None and (match.without_submission or match.without_roster_row):
        note = (f"Roster: {len(match.without_submission)} roster students without a submission, "
                f"{len(match.without_roster_row)} submissions without a roster row (summary.md names them).")
    for line in digest(written.stats, str(out), files, [s.describe() for s in written.scales], note,
                       terminal_width()):
        click.echo(line)


def echo_only_notes(course: Course, students, records: list[dict], exercises: list[str]) -> None:
    """After --only: the students left out of the class files (no stored result), and the kept
    results an earlier grader or checks graded."""
    from grader.classroom.batch import course_fingerprint

    graded = {r["student"] for r in records}
    left_out = [s.id for s in students if s.id not in graded]
    if left_out:
        click.echo(fitted(f"Not in the class files (no stored result; grade them with --only or --resume): "
                          f"{', '.join(left_out)}"), err=True)
    version = course_fingerprint(course, exercises)
    older = [r["student"] for r in records if r.get("version") != version]
    if older:
        click.echo(fitted(f"Note: {len(older)} kept results were graded by an earlier version of the grader "
                          "or checks; run without --only to regrade everyone."), err=True)
