"""Grading a class: `grade batch` (the LMS's download, graded in job slots, on a Dask cluster or
in shards) and `grade merge` (the shards' --out folders put back together).

Everything that can be wrong with batch's options is said before OUT is touched
(batch_options.py); what a run says while and after it grades is batch_progress.py's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grader.cli.batch_options import (batch_roster, cluster_errors, cluster_stopped, late_settings, only_exercises,
                                      parse_shard_option, roster_not_rewritten, shard_part, write_shard_manifest)
from grader.cli.batch_progress import Progress, echo_digest, echo_only_notes, stop_on_termination
from grader.cli.common import BadInput, course_line, current_course, fitted, say
from grader.grading.course import CourseError

# grade batch --layout (layouts.py reads them)
LAYOUT_CHOICES = ("auto", "folders", "canvas", "moodle", "blackboard", "gradescope", "classroom")
LAYOUT_NAMES = {"folders": "one folder or .zip per student", "canvas": "Canvas's Download Submissions",
                "moodle": "Moodle's assignment download", "blackboard": "Blackboard's Assignment File Download",
                "gradescope": "a Gradescope export", "classroom": "GitHub Classroom repositories"}


@click.command()
@click.argument("submissions", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for gradebook.csv, results.json, feedback/, summary.md.")
@click.option("--exercise", "-e", "names", multiple=True, metavar="NAME",
              help="Grade only these exercises (repeatable; default: all).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Submissions graded in parallel (default: the number of cores).")
@click.option("--resume", is_flag=True, help="Skip students whose files, grader and checks are unchanged "
                                             "since their stored result.")
@click.option("--show-hidden", is_flag=True, help="Show hidden checks' names and messages in the feedback.")
@click.option("--format", "fmt", type=click.Choice(["default", "gradescope"]), default="default",
              help="gradescope: also write gradescope/<student>/results.json for each student.")
@click.option("--require-sandbox", is_flag=True, help="Refuse to run submissions without every sandbox layer.")
@click.option("--only", "only", multiple=True, metavar="STUDENT",
              help="Regrade just this student in an existing --out (repeatable); everyone else's result is kept, "
                   "the replaced one saved as results/<id>.previous.json.")
@click.option("--roster", "roster_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The gradebook CSV the LMS exported: written back as OUT/roster-graded.csv with a grade column.")
@click.option("--roster-column", metavar="NAME",
              help="The grade column to add or fill (default: the course title).")
@click.option("--roster-column-per-exercise", "per_exercise", is_flag=True,
              help="A column per exercise (named like the exercise) instead of the total.")
@click.option("--roster-key", metavar="COLUMN",
              help="The roster column holding submission names (default: the first of SIS Login ID, Login, ID, "
                   "Student that does).")
@click.option("--roster-overwrite", is_flag=True, help="Fill a grade column that already holds grades.")
@click.option("--shard", metavar="I/N", callback=lambda _context, _param, value: parse_shard_option(value),
              help="Grade only the I-th of N parts of the class (chosen by a hash of the student id: the same "
                   "on every machine), for job arrays; `grade merge` puts the parts' --out folders together.")
@click.option("--cluster", metavar="ADDRESS",
              help="Grade on the workers of this Dask scheduler (tcp://host:8786) instead of local job slots "
                   "(--jobs is then the cluster's worker threads). Needs the [cluster] extra.")
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default="auto", show_default=True,
              help="How SUBMISSIONS is laid out: one folder or .zip per student, or an LMS's own download "
                   "(Canvas, Moodle, Blackboard, a Gradescope export, GitHub Classroom repositories); auto: guessed.")
@click.option("--points-possible", type=click.FloatRange(min=0, min_open=True), default=None,
              help="The roster column's maximum: grades are scaled to it (default: what the roster states).")
@click.option("--due", metavar="DATETIME", help="The due date (ISO 8601, e.g. 2024-05-06T23:59+02:00) for late work.")
@click.option("--late-penalty", metavar="SHARE", help="Taken off per day (or hour) late, of the points possible: "
                                                     "10%/day, 2%/hour (default 0%/day).")
@click.option("--late-cap", metavar="SHARE", help="The most a late penalty takes: 50%.")
@click.option("--grace", metavar="DURATION", help="On time within this long after --due: 15m, 2h, 1d.")
@click.option("--submitted-at", "submitted_at", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CSV of student id and submission time, for layouts that give none (Canvas, Moodle, folders).")
def batch(submissions, out, names, jobs, resume, show_hidden, fmt, require_sandbox, only, roster_path,
          roster_column, per_exercise, roster_key, roster_overwrite, shard, cluster, layout, points_possible, due,
          late_penalty, late_cap, grace, submitted_at):
    """Grade a whole class: SUBMISSIONS is the LMS's download (a folder, or Canvas's .zip).

    \b
    Layouts read (--layout, guessed by default); the student id is the LMS's own key:
      folders      one folder or .zip per student
      canvas       Download Submissions: <name>_<userid>_<submissionid>_<file>
      moodle       <Full Name>_<participantid>_assignsubmission_file_/
      blackboard   <assignment>_<username>_attempt_<date>_<file>
      gradescope   Export Submissions: submission_metadata.yml, submission_<id>/
      classroom    GitHub Classroom repositories <assignment>-<username>/

    \b
    Writes, in --out:
      gradebook.csv        one row per student, a column per exercise, the total
      results.json         every student, exercise and check; the class statistics
      feedback/<id>.md     the report to hand back to each student
      summary.md/.html     who submitted, score statistics, what to re-teach first
      roster-graded.csv    with --roster: the LMS's gradebook with the grades filled in
    OUT remembers --roster and the late options: a later --only or --resume rewrites every file.
    """
    from grader.classroom import remembered
    from grader.classroom.batch import ResultStore, run_batch, students_of
    from grader.classroom.gradebook import write_outputs
    from grader.classroom.layouts import LayoutError, read_download, stage
    from grader.classroom.leftovers import sweep
    from grader.classroom.unpack import MAX_ZIP_BYTES
    from grader.remote.sandbox import ALL_LAYERS

    sweep()  # folders a killed run left behind
    course = current_course()
    try:
        exercises = [course.exercise(n).name for n in names] or [e.name for e in course.exercises]
    except CourseError as exc:
        raise click.BadParameter(str(exc), param_hint="--exercise") from None
    line = course_line(course)
    if line:
        click.echo(line, err=True)
    archive = None
    if submissions.is_file():
        if submissions.suffix.lower() != ".zip":
            raise click.BadParameter(f"{submissions} is a file: give the download's folder, or Canvas's .zip",
                                     param_hint="SUBMISSIONS")
        archive = submissions
    filenames = [course.exercise(n).filename for n in exercises]
    try:
        download = read_download(submissions.parent if archive else submissions, layout, filenames, archive)
    except LayoutError as exc:
        raise BadInput(f"SUBMISSIONS: {exc}") from None
    if download.layout != "folders":
        click.echo(fitted(f"Read {submissions.name} as {LAYOUT_NAMES[download.layout]} "
                          f"({len(download.entries)} students{'' if layout != 'auto' else '; --layout to choose another'})."),
                   err=True)
    for message in download.notes:
        click.echo(fitted(message), err=True)
    students = students_of(download, out)
    if not students:
        raise click.UsageError(f"{submissions} holds no student folders or .zip files")
    class_ids = [s.id for s in students]
    if shard is not None:
        students = shard_part(students, shard, only)
    stopping_errors = cluster_errors(cluster)
    # Everything that can be wrong with the options is said before OUT is touched.
    if only:
        exercises = only_exercises(out, students, only, exercises if names else None)
    settings = remembered.load(out)
    roster_options = dict(column=roster_column, per_exercise=per_exercise, key=roster_key, overwrite=roster_overwrite,
                          points_possible=points_possible)
    roster_from = roster_path
    if roster_path is None and settings.get("roster") and not any(roster_options.values()):
        roster_options = {k: settings["roster"].get(k) for k in roster_options}
        roster_from = remembered.roster_file(out, settings)
    roster = None
    try:
        roster = batch_roster(course, students, exercises, roster_from, roster_options["column"],
                              bool(roster_options["per_exercise"]), roster_options["key"],
                              bool(roster_options["overwrite"]))
    except BadInput as exc:
        if roster_path is not None or roster_from is None:
            raise
        roster_not_rewritten(out, f"the roster remembered in {out} cannot be used: {exc.message}")
    policy, times = late_settings(due, late_penalty, late_cap, grace, submitted_at, settings)
    store = ResultStore(out)
    try:
        stage(download, out, MAX_ZIP_BYTES)
    except (LayoutError, OSError) as exc:
        raise BadInput(f"SUBMISSIONS: {exc}") from None
    settings_now = {"roster": ({**roster_options, "name": Path(roster_from).name,
                                "file": (settings.get("roster") or {}).get("file")} if roster is not None else None),
                    "late": {"policy": policy.to_json() if policy else None,
                             "times": {k: v.isoformat() for k, v in times.items()}}}
    remembered.save(out, settings_now, roster_source=roster_path)
    if shard is not None:
        write_shard_manifest(out, shard, class_ids, students, course, exercises)
    layout_times = {s.id: s.submitted_at for s in students if s.submitted_at is not None}
    marked_late = {s.id for s in students if s.late}
    progress = Progress(len(set(only)) if only else len(students))
    stop_on_termination()
    try:
        records = run_batch(course, students, exercises, store, jobs or os.cpu_count() or 1, resume,
                            ALL_LAYERS if require_sandbox else (), on_done=progress.done,
                            only=set(only) if only else None, cluster=cluster)
    except stopping_errors as exc:
        progress.close()
        cluster_stopped(exc, progress.count, out)
    except KeyboardInterrupt:
        progress.close()
        say(f"\nInterrupted: {progress.count} results are saved in {out}/results; run again with --resume to finish.",
            err=True)
        sys.exit(130)
    progress.close()
    if only:
        echo_only_notes(course, students, records, exercises)
    written = write_outputs(out, records, exercises, show_hidden, gradescope=fmt == "gradescope", roster=roster,
                            per_exercise=bool(roster_options["per_exercise"]),
                            points_possible=roster_options["points_possible"], times={**layout_times, **times},
                            marked_late=marked_late, policy=policy)
    echo_digest(out, written, roster is not None)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.argument("shard_outs", nargs=-1, required=True, metavar="SHARD_OUT...",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--show-hidden", is_flag=True, help="Show hidden checks' names and messages in the feedback.")
@click.option("--format", "fmt", type=click.Choice(["default", "gradescope"]), default="default",
              help="gradescope: also write gradescope/<student>/results.json for each student.")
@click.option("--roster", "roster_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The gradebook CSV the LMS exported: written back as OUT/roster-graded.csv with a grade column.")
@click.option("--roster-column", metavar="NAME", help="The grade column to add or fill (default: the course title).")
@click.option("--roster-column-per-exercise", "per_exercise", is_flag=True,
              help="A column per exercise (named like the exercise) instead of the total.")
@click.option("--roster-key", metavar="COLUMN", help="The roster column holding submission names.")
@click.option("--roster-overwrite", is_flag=True, help="Fill a grade column that already holds grades.")
def merge(out, shard_outs, show_hidden, fmt, roster_path, roster_column, per_exercise, roster_key,
          roster_overwrite):
    """Put the --out folders of `grade batch --shard I/N` together in OUT.

    \b
    OUT gets what one `grade batch` of the whole class writes: results/, gradebook.csv,
    results.json, feedback/, summary.md/.html (and roster-graded.csv with --roster).
    Refused: shards of different grader or course versions, of different class listings or
    splits, overlapping or missing shards, and shards not finished (rerun them with --resume).
    """
    from types import SimpleNamespace

    from grader.classroom.gradebook import ROSTER_OUTPUT, write_outputs
    from grader.classroom.merge import MergeError, merge_shards, save_merged
    from grader.classroom.shards import MANIFEST

    for folder in shard_outs:
        if folder.resolve() == out.resolve():
            raise BadInput(f"OUT ({out}) is one of the shards: merge into a folder of its own")
    if (out / MANIFEST).exists():
        raise BadInput(f"{out} holds the results of a shard ({out / MANIFEST}): merge into a folder of its own")
    try:
        merged = merge_shards(list(shard_outs))
    except MergeError as exc:
        raise BadInput(str(exc)) from None
    # The roster needs only the course's title (the default column), which the shards recorded.
    students = [SimpleNamespace(id=record["student"]) for record in merged.records]
    roster = batch_roster(SimpleNamespace(title=merged.course_title), students, merged.exercise_names,
                          roster_path, roster_column, per_exercise, roster_key, roster_overwrite)
    save_merged(out, merged)
    written = write_outputs(out, merged.records, merged.exercise_names, show_hidden, gradescope=fmt == "gradescope",
                            roster=roster, per_exercise=per_exercise)
    echo_digest(out, written, roster is not None)
    say(f"Merged {merged.shards} shards: wrote {out}/gradebook.csv, results.json, summary.md and feedback/ "
        f"for {len(merged.records)} students" + (f", and {out}/{ROSTER_OUTPUT}." if roster is not None else "."))
