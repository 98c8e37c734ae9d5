"""What `grade batch` writes: gradebook.csv, results.json, feedback/<student>.md, summary.md and
summary.html (their class statistics from classstats.py), roster-graded.csv with a roster."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tabulate import tabulate

from grader.reports.classstats import INTRODUCTION, REACHED, ClassStats, class_stats, figure, percent, score_cell
from grader.reports.markdown_report import exercise_markdown, said_once_markdown
from grader.core.results import CheckResult, ExerciseResult, Status, _number
from grader.classroom.late import LatePolicy, lateness, penalised
from grader.classroom.roster_file import Roster, RosterMatch
from grader.classroom.roster_grades import Scale, grade_values, scales

ROSTER_OUTPUT = "roster-graded.csv"


def _atomic_write(path: Path, text: str) -> None:
    _atomic_write_bytes(path, text.encode("utf-8"))


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _public(record: dict, late: dict | None = None) -> dict:
    """A student's record without the bookkeeping used by --resume and the benchmarks (with late
    work known: when it was handed in, the penalty and the score after it)."""
    public = {k: v for k, v in record.items() if k not in ("fingerprint", "version", "selected", "timing")}
    public["exercises"] = [{k: v for k, v in e.items() if k != "timing"} for e in record["exercises"]]
    said = late.get(record["student"]) if late else None
    if said is not None:
        public["late"] = {**said.row(record["max_score"]), "marked_late": said.marked_late,
                          "final": _number(penalised(record["score"], record["max_score"], said))}
    return public


def gradebook_csv(records: list[dict], exercise_names: list[str], late: dict | None = None) -> str:
    """One row per student; with late work known (`late`: student -> Lateness), when each was handed
    in, days late, the penalty and the total after it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *exercise_names, "total", "max_total"]
                    + (["submitted_at", "days_late", "late_penalty", "final"] if late is not None else []))
    for record in records:
        scores = {e["exercise"]: e["score"] for e in record["exercises"]}
        row = [record["student"], *(scores.get(n, 0) for n in exercise_names), record["score"], record["max_score"]]
        if late is not None:
            said = late.get(record["student"])
            row += ([said.submitted_at.isoformat(timespec="minutes") if said.submitted_at else
                     ("late (no time)" if said.marked_late else ""), said.periods,
                     _number(said.penalty(record["max_score"]))] if said else ["", 0, 0])
            row.append(_number(penalised(record["score"], record["max_score"], said)))
        writer.writerow(row)
    return out.getvalue()


def feedback_markdown(record: dict, show_hidden: bool = False, late_line: str | None = None) -> str:
    """The report handed back to a student: Markdown that reads well raw too (what to fix first, a
    short block per failed check, skipped checks folded; the exercises not started and the files
    not submitted in one line each). Hidden checks keep their name and message to themselves
    unless `show_hidden`."""
    lines = [f"# Feedback for {record['student']}", "",
             f"**Total: {_number(record['score'])}/{_number(record['max_score'])}**", ""]
    if late_line:
        lines += [f"**Late work:** {late_line}", ""]
    results = []
    for exercise in record["exercises"]:
        checks = [CheckResult.from_json({"id": c["name"], **c}) for c in exercise["checks"]]
        result = ExerciseResult(exercise["exercise"], exercise["title"], exercise.get("file", ""), checks,
                                error=exercise.get("error"), notes=exercise.get("notes", []),
                                missing=bool(exercise.get("missing")), integrity=exercise.get("integrity", []))
        results.append(result)
        if result.missing or result.not_started:  # said once for all of them, below
            continue
        heading = (f"## {exercise['exercise']} — {exercise['title']}: "
                   f"{_number(exercise['score'])}/{_number(exercise['max_score'])}")
        lines.append(exercise_markdown(result, hide_hidden=not show_hidden, heading=heading))
    lines += said_once_markdown(results, unsubmitted="Not submitted")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str, limit: int = 90) -> str:
    """Text for a Markdown table cell: one line, no column break, at most `limit` characters."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _names(names: list[str]) -> str:
    return ", ".join(_cell(n, 60) for n in names)


NAMES_IN_MARKDOWN = 5  # students named per row of summary.md before "+N more" (results.json names all)


def _some(names: list[str]) -> str:
    shown = ", ".join(_cell(n, 30) for n in names[:NAMES_IN_MARKDOWN])
    more = len(names) - NAMES_IN_MARKDOWN
    return shown + (f" +{more} more" if more > 0 else "")


def _table(rows: list[list], headers: list[str], empty: str) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) if rows else empty


def summary(stats: ClassStats, records: list[dict], roster_match: RosterMatch | None = None,
            late: list[dict] | None = None) -> str:
    """summary.md: the sections and numbers of summary.html (html_report.py), as Markdown: per
    exercise who submitted, who did not attempt and how the others did, what to re-teach first
    (with the students concerned), every student's total, who errored or timed out, what reached
    into the grader, late work, and (with a roster) who is on one side only."""
    parts = [f"# Class summary: {stats.students} students", "", INTRODUCTION, ""]
    if stats.submitted_nothing:
        parts += [f"Submitted nothing ({len(stats.submitted_nothing)}): {_names(stats.submitted_nothing)}.", ""]
    rows = [[e.exercise, e.submitted, len(e.not_attempted), e.not_submitted, e.errored, e.full_marks,
             *(figure(e.figure(how)) for how in ("mean", "median", "min", "max")), _number(e.max_score)]
            for e in stats.exercises + [stats.total]]
    parts += ["## Per exercise", "",
              tabulate(rows, headers=["exercise", "submitted", "not attempted", "not submitted",
                                      "errored or timed out", "full marks", "mean", "median", "min", "max", "out of"],
                       tablefmt="github", disable_numparse=True), ""]
    for e in stats.exercises:
        if e.not_attempted:
            parts.append(f"- {e.exercise}: {len(e.not_attempted)} handed in the stub as given or left every "
                         f"function raising NotImplementedError (not attempted): {_some(e.not_attempted)}.")
    if any(e.not_attempted for e in stats.exercises):
        parts.append("")

    parts += ["## What to re-teach first", "", "### Checks most often failed", ""]
    rows = [[c.exercise, _cell(c.check), f"{c.failed} of {c.graded}", percent(c),
             f"{_cell(c.message)} ({c.message_count}×)" if c.message else "", _some(c.students)]
            for c in stats.most_failed]
    parts += [_table(rows, ["exercise", "check", "failed", "share", "most common message", "students"],
                     "Every graded check passed for every student."), ""]
    parts += ["### Known mistakes most often named", ""]
    rows = [[m.exercise, _cell(m.mistake), m.students, m.checks, _some(m.names)] for m in stats.mistakes]
    parts += [_table(rows, ["exercise", "known mistake", "students", "checks", "who"], "No known mistake was named."),
              ""]

    results = {r["student"]: {e["exercise"]: e for e in r["exercises"]} for r in records}
    names = [e.exercise for e in stats.exercises]
    rows = [[_cell(student, 40), *(score_cell(results[student].get(n)) for n in names),
             f"{_number(score)} / {_number(out_of)}"] for student, score, out_of in stats.totals]
    parts += ["## Students", "", _table(rows, ["student", *names, "total"], "No students."), ""]

    parts += ["## Submissions that errored or timed out", "",
              _table([[_cell(t.student, 40), t.exercise, _cell(t.what, 100)] for t in stats.errored],
                     ["student", "exercise", "what happened"], "None."), ""]
    parts += ["## Reached into the grader", "", REACHED, "",
              _table([[_cell(t.student, 40), t.exercise, _cell(t.what, 100)] for t in stats.reached],
                     ["student", "exercise", "what it tried"], "None."), ""]
    if late:
        parts += ["## Late work", "", _table([[_cell(row["student"], 40), row["submitted_at"] or "—",
                                               row["days_late"], row["penalty"]] for row in late],
                                             ["student", "handed in", "days late", "penalty"], "None."), ""]
    if roster_match is not None:
        parts += roster_lines(roster_match) + [""]
    return "\n".join(parts)


def roster_lines(match: RosterMatch) -> list[str]:
    """Who is on one side only, said in summary.md (summary.html says the same)."""
    lines = ["## Roster", ""]
    if match.without_submission:
        lines.append(f"Roster students without a submission ({len(match.without_submission)}; their grade "
                     f"cell is left as it was): {_names(match.without_submission)}.")
    if match.without_roster_row:
        lines.append(f"Submissions without a roster row ({len(match.without_roster_row)}; not in "
                     f"roster-graded.csv): {_names(match.without_roster_row)}.")
    if len(lines) == 2:
        lines.append("Every roster student has a submission, and every submission a roster row.")
    return lines


def gradescope_record(record: dict) -> str:
    """One student's record as Gradescope's results.json; its output is the feedback file's text
    (hidden checks withheld: the output is shown before grades are published)."""
    from grader.reports.formats import gradescope_json

    results = [ExerciseResult(exercise=e["exercise"], title=e["title"], file=e.get("file", ""), error=e.get("error"),
                              checks=[CheckResult.from_json({"id": c["name"], **c}) for c in e["checks"]])
               for e in record["exercises"]]
    seconds = sum(e.get("timing", {}).get("seconds", 0) for e in record["exercises"])
    return gradescope_json(results, seconds, output=feedback_markdown(record, show_hidden=False))


@dataclass
class Written:
    """What write_outputs wrote, for the terminal."""

    summary: str
    stats: ClassStats
    roster_match: RosterMatch | None = None
    scales: list[Scale] = field(default_factory=list)


def write_outputs(out: Path, records: list[dict], exercise_names: list[str], show_hidden: bool,
                  gradescope: bool = False, roster: Roster | None = None, per_exercise: bool = False,
                  points_possible: float | None = None, times: dict | None = None, marked_late: set | None = None,
                  policy: LatePolicy | None = None) -> Written:
    """Write every class-level file (and OUT/roster-graded.csv with a roster). `times`: student ->
    when handed in; `marked_late`: students the LMS marked late; `policy`: the late policy."""
    out = Path(out)
    times, marked_late = times or {}, marked_late or set()
    late = None
    if times or marked_late or policy is not None:
        late = {r["student"]: lateness(r["student"], times.get(r["student"]), r["student"] in marked_late, policy)
                for r in records}
    if gradescope:
        for record in records:
            name = record["student"].replace(os.sep, "_")
            _atomic_write(out / "gradescope" / name / "results.json", gradescope_record(record))
    stats = class_stats(records, exercise_names)
    _atomic_write(out / "gradebook.csv", gradebook_csv(records, exercise_names, late))
    _atomic_write(out / "results.json", json.dumps({"students": [_public(r, late) for r in records],
                                                    "class": stats.to_json()}, ensure_ascii=False, indent=1))
    for record in records:
        name = record["student"].replace(os.sep, "_")
        said = late.get(record["student"]) if late else None
        line = said.sentence(record["max_score"], policy) if said else None
        _atomic_write(out / "feedback" / f"{name}.md", feedback_markdown(record, show_hidden, line))
    written = Written("", stats)
    if roster is not None:
        written.scales = scales(roster, records, exercise_names, per_exercise, points_possible)

        def final(record, score, max_score):
            return penalised(score, max_score, late.get(record["student"])) if late else score

        values, maxima = grade_values(records, exercise_names, per_exercise, written.scales, final)
        _atomic_write_bytes(out / ROSTER_OUTPUT, roster.filled(values, maxima))
        written.roster_match = roster.match([r["student"] for r in records])
    late_rows = [late[r["student"]].row(r["max_score"]) for r in records
                 if late and (late[r["student"]].submitted_at or late[r["student"]].marked_late)] if late else None
    written.summary = summary(stats, records, written.roster_match, late_rows)
    _atomic_write(out / "summary.md", written.summary)
    from grader.reports.html_report import class_report_html

    _atomic_write(out / "summary.html", class_report_html(stats, records, exercise_names, written.roster_match,
                                                          late_rows))
    return written
