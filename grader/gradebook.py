"""What `grade batch` writes: gradebook.csv, results.json, feedback/<student>.md, summary.md and
summary.html (their class statistics from classstats.py), roster-graded.csv with a roster."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from tabulate import tabulate

from grader.classstats import ClassStats, class_stats, errored, figure, percent
from grader.report import exercise_markdown
from grader.results import CheckResult, ExerciseResult, Status, _number
from grader.roster import Roster, RosterMatch, grade_values

ROSTER_OUTPUT = "roster-graded.csv"


def _atomic_write(path: Path, text: str) -> None:
    _atomic_write_bytes(path, text.encode("utf-8"))


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _public(record: dict) -> dict:
    """A student's record without the bookkeeping used by --resume and the benchmarks."""
    public = {k: v for k, v in record.items() if k not in ("fingerprint", "version", "selected", "timing")}
    public["exercises"] = [{k: v for k, v in e.items() if k != "timing"} for e in record["exercises"]]
    return public


def gradebook_csv(records: list[dict], exercise_names: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *exercise_names, "total", "max_total"])
    for record in records:
        scores = {e["exercise"]: e["score"] for e in record["exercises"]}
        writer.writerow([record["student"], *(scores.get(n, 0) for n in exercise_names),
                         record["score"], record["max_score"]])
    return out.getvalue()


def feedback_markdown(record: dict, show_hidden: bool = False) -> str:
    """The report handed back to a student: Markdown that reads well raw too (what to fix first, a
    short block per failed check, skipped checks folded). Hidden checks keep their name and
    message to themselves unless `show_hidden`."""
    lines = [f"# Feedback for {record['student']}", "",
             f"**Total: {_number(record['score'])}/{_number(record['max_score'])}**", ""]
    for exercise in record["exercises"]:
        checks = [CheckResult.from_json({"id": c["name"], **c}) for c in exercise["checks"]]
        result = ExerciseResult(exercise["exercise"], exercise["title"], exercise.get("file", ""), checks,
                                error=exercise.get("error"), notes=exercise.get("notes", []),
                                integrity=exercise.get("integrity", []))
        heading = (f"## {exercise['exercise']} — {exercise['title']}: "
                   f"{_number(exercise['score'])}/{_number(exercise['max_score'])}")
        lines.append(exercise_markdown(result, hide_hidden=not show_hidden, heading=heading))
    return "\n".join(lines)


def _cell(text: str, limit: int = 90) -> str:
    """Text for a Markdown table cell: one line, no column break, at most `limit` characters."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _names(names: list[str]) -> str:
    return ", ".join(_cell(n, 60) for n in names)


def summary(stats: ClassStats, records: list[dict], roster_match: RosterMatch | None = None) -> str:
    """summary.md: per exercise who submitted and how they did, what to re-teach first, who
    errored or timed out, and (with a roster) who is on one side only."""
    parts = [f"# Class summary: {stats.students} students", "",
             "Scores are over the students who submitted the exercise; those who did not are counted apart. "
             "A check's share failed is over the students whose file was graded.", ""]
    if stats.submitted_nothing:
        parts += [f"Submitted nothing ({len(stats.submitted_nothing)}): {_names(stats.submitted_nothing)}.", ""]
    rows = [[e.exercise, e.submitted, e.not_submitted, e.errored, e.full_marks,
             *(figure(e.figure(how)) for how in ("mean", "median", "min", "max")), _number(e.max_score)]
            for e in stats.exercises + [stats.total]]
    parts += ["## Per exercise", "",
              tabulate(rows, headers=["exercise", "submitted", "not submitted", "errored or timed out",
                                      "full marks", "mean", "median", "min", "max", "out of"],
                       tablefmt="github", disable_numparse=True), ""]

    parts += ["## What to re-teach first", "", "### Checks most often failed", ""]
    rows = [[c.exercise, _cell(c.check), f"{c.failed} of {c.graded}", percent(c),
             f"{_cell(c.message)} ({c.message_count}×)" if c.message else ""] for c in stats.most_failed]
    parts += [tabulate(rows, headers=["exercise", "check", "failed", "share", "most common message"],
                       tablefmt="github", disable_numparse=True)
              if rows else "Every graded check passed for every student.", ""]
    parts += ["### Known mistakes most often named", ""]
    rows = [[m.exercise, _cell(m.mistake), m.students, m.checks] for m in stats.mistakes]
    parts += [tabulate(rows, headers=["exercise", "known mistake", "students", "checks"], tablefmt="github",
                       disable_numparse=True)
              if rows else "No known mistake was named.", ""]

    trouble = []
    for record in records:
        for exercise in record["exercises"]:
            if not errored(exercise):
                continue
            if exercise.get("error"):
                trouble.append([_cell(record["student"], 40), exercise["exercise"], _cell(exercise["error"], 100)])
            else:
                bad = next(c for c in exercise["checks"] if c["status"] in (Status.ERROR, Status.TIMEOUT))
                trouble.append([_cell(record["student"], 40), exercise["exercise"],
                                _cell(f"{bad['status']}: {bad['message']}", 100)])
    parts += ["## Submissions that errored or timed out", "",
              tabulate(trouble, headers=["student", "exercise", "what happened"], tablefmt="github",
                       disable_numparse=True)
              if trouble else "None.", ""]
    reached = [[_cell(record["student"], 40), exercise["exercise"],
                _cell(", ".join(f"{f.get('event')} at {f.get('where')}" for f in exercise["integrity"]), 100)]
               for record in records for exercise in record["exercises"] if exercise.get("integrity")]
    parts += ["## Reached into the grader", "",
              "Code that tried to reach the grader's instruments (frames, the garbage collector, the profile hook, "
              "ctypes, new processes): refused, never scored; worth a look.", "",
              tabulate(reached, headers=["student", "exercise", "what it tried"], tablefmt="github",
                       disable_numparse=True)
              if reached else "None.", ""]
    if roster_match is not None:
        parts += roster_lines(roster_match) + [""]
    return "\n".join(parts)


def roster_lines(match: RosterMatch) -> list[str]:
    """Who is on one side only, said in summary.md and on the terminal."""
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
    from grader.formats import gradescope_json

    results = [ExerciseResult(exercise=e["exercise"], title=e["title"], file=e.get("file", ""), error=e.get("error"),
                              checks=[CheckResult.from_json({"id": c["name"], **c}) for c in e["checks"]])
               for e in record["exercises"]]
    seconds = sum(e.get("timing", {}).get("seconds", 0) for e in record["exercises"])
    return gradescope_json(results, seconds, output=feedback_markdown(record, show_hidden=False))


def write_outputs(out: Path, records: list[dict], exercise_names: list[str], show_hidden: bool,
                  gradescope: bool = False, roster: Roster | None = None, per_exercise: bool = False) -> str:
    """Write every class-level file (and OUT/roster-graded.csv with a roster); return the summary text."""
    out = Path(out)
    if gradescope:
        for record in records:
            name = record["student"].replace(os.sep, "_")
            _atomic_write(out / "gradescope" / name / "results.json", gradescope_record(record))
    stats = class_stats(records, exercise_names)
    _atomic_write(out / "gradebook.csv", gradebook_csv(records, exercise_names))
    _atomic_write(out / "results.json", json.dumps({"students": [_public(r) for r in records],
                                                    "class": stats.to_json()}, ensure_ascii=False, indent=1))
    for record in records:
        name = record["student"].replace(os.sep, "_")
        _atomic_write(out / "feedback" / f"{name}.md", feedback_markdown(record, show_hidden))
    match = None
    if roster is not None:
        values, maxima = grade_values(records, exercise_names, per_exercise)
        _atomic_write_bytes(out / ROSTER_OUTPUT, roster.filled(values, maxima))
        match = roster.match([r["student"] for r in records])
    text = summary(stats, records, match)
    _atomic_write(out / "summary.md", text)
    from grader.html_report import class_report_html

    _atomic_write(out / "summary.html", class_report_html(stats, records, exercise_names))
    return text
