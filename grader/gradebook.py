"""What `grade batch` writes: gradebook.csv, results.json, feedback/<student>.md, summary.md."""

from __future__ import annotations

import csv
import io
import json
import os
import statistics
from collections import Counter
from pathlib import Path

from tabulate import tabulate

from grader.report import exercise_markdown
from grader.results import CheckResult, ExerciseResult, Status, _number


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
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
        checks = [CheckResult(c.get("id", c["name"]), c["name"], c["kind"], c["max_score"], c["status"],
                              c["message"], c["hidden"]) for c in exercise["checks"]]
        result = ExerciseResult(exercise["exercise"], exercise["title"], exercise.get("file", ""), checks,
                                error=exercise.get("error"), notes=exercise.get("notes", []))
        heading = (f"## {exercise['exercise']} — {exercise['title']}: "
                   f"{_number(exercise['score'])}/{_number(exercise['max_score'])}")
        lines.append(exercise_markdown(result, hide_hidden=not show_hidden, heading=heading))
    return "\n".join(lines)


def summary(records: list[dict], exercise_names: list[str]) -> str:
    parts = [f"# Class summary: {len(records)} students", "", "## Scores per exercise", ""]
    rows = []
    for name in exercise_names + ["total"]:
        if name == "total":
            scores = [r["score"] for r in records]
            maximum = max((r["max_score"] for r in records), default=0)
        else:
            found = [e for r in records for e in r["exercises"] if e["exercise"] == name]
            scores = [e["score"] for e in found]
            maximum = max((e["max_score"] for e in found), default=0)
        if scores:
            rows.append([name, _number(statistics.mean(scores)), _number(statistics.median(scores)),
                         _number(min(scores)), _number(max(scores)), _number(maximum)])
    parts += [tabulate(rows, headers=["exercise", "mean", "median", "min", "max", "out of"], tablefmt="github"), ""]

    failures: dict[tuple, list[str]] = {}
    attempts: Counter = Counter()
    for record in records:
        for exercise in record["exercises"]:
            for check in exercise["checks"]:
                key = (exercise["exercise"], check["name"])
                attempts[key] += 1
                # a skip repeats another failure
                if check["status"] in (Status.FAILED, Status.ERROR, Status.TIMEOUT):
                    failures.setdefault(key, []).append(check["message"].splitlines()[0] if check["message"] else "")
    ranked = sorted(failures.items(), key=lambda kv: (-len(kv[1]) / attempts[kv[0]], kv[0]))
    rows = []
    for (exercise, name), messages in ranked:
        common, count = Counter(messages).most_common(1)[0]
        rows.append([exercise, name, f"{100 * len(messages) / attempts[(exercise, name)]:.0f}%",
                     f"{common[:90]} ({count}×)" if common else ""])
    parts += ["## Checks most often failed (what to re-teach)", "",
              tabulate(rows, headers=["exercise", "check", "failed", "most common message"], tablefmt="github")
              if rows else "Every check passed for every student.", ""]

    trouble = []
    for record in records:
        for exercise in record["exercises"]:
            statuses = {c["status"] for c in exercise["checks"]}
            if exercise.get("error") and not exercise.get("missing"):
                trouble.append([record["student"], exercise["exercise"], exercise["error"][:100]])
            elif statuses & {Status.ERROR, Status.TIMEOUT}:
                bad = next(c for c in exercise["checks"] if c["status"] in (Status.ERROR, Status.TIMEOUT))
                trouble.append([record["student"], exercise["exercise"], f"{bad['status']}: {bad['message'][:90]}"])
    parts += ["## Submissions that errored or timed out", "",
              tabulate(trouble, headers=["student", "exercise", "what happened"], tablefmt="github")
              if trouble else "None.", ""]
    return "\n".join(parts)


def gradescope_record(record: dict) -> str:
    """One student's record as Gradescope's results.json."""
    from grader.formats import gradescope_json
    from grader.results import CheckResult, ExerciseResult

    results = [ExerciseResult(exercise=e["exercise"], title=e["title"], file=e.get("file", ""), error=e.get("error"),
                              checks=[CheckResult(c.get("id", c["name"]), c["name"], c["kind"], c["max_score"],
                                                  c["status"], c["message"], c["hidden"]) for c in e["checks"]])
               for e in record["exercises"]]
    seconds = sum(e.get("timing", {}).get("seconds", 0) for e in record["exercises"])
    return gradescope_json(results, seconds)


def write_outputs(out: Path, records: list[dict], exercise_names: list[str], show_hidden: bool,
                  gradescope: bool = False) -> str:
    """Write every class-level file; return the summary text."""
    out = Path(out)
    if gradescope:
        for record in records:
            name = record["student"].replace(os.sep, "_")
            _atomic_write(out / "gradescope" / name / "results.json", gradescope_record(record))
    _atomic_write(out / "gradebook.csv", gradebook_csv(records, exercise_names))
    _atomic_write(out / "results.json", json.dumps({"students": [_public(r) for r in records]},
                                                   ensure_ascii=False, indent=1))
    for record in records:
        name = record["student"].replace(os.sep, "_")
        _atomic_write(out / "feedback" / f"{name}.md", feedback_markdown(record, show_hidden))
    text = summary(records, exercise_names)
    _atomic_write(out / "summary.md", text)
    from grader.html_report import class_report_html

    _atomic_write(out / "summary.html", class_report_html(records, exercise_names))
    return text
