"""batch's options read and checked before OUT is touched: the roster (--roster and its
options, or the one OUT remembers), the late settings, --only, --shard and --cluster."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.cli.common import EXIT_FAILED, BadInput, fitted, say
from grader.grading.course import Course


def batch_roster(course: Course, students, exercises: list[str], path: Path | None, column: str | None,
                 per_exercise: bool, key: str | None, overwrite: bool):
    """The roster, read and checked before any grading (None without --roster)."""
    if path is None:
        if column or per_exercise or key or overwrite:
            raise click.UsageError("--roster-column, --roster-column-per-exercise, --roster-key and "
                                   "--roster-overwrite need --roster ROSTER.csv")
        return None
    if column and per_exercise:
        raise click.UsageError("--roster-column names the one total column; with --roster-column-per-exercise "
                               "the columns are named like the exercises")
    from grader.classroom.roster import RosterError, read_roster

    columns = list(exercises) if per_exercise else [column or course.title]
    try:
        roster = read_roster(path, [s.id for s in students], columns, key, overwrite)
    except RosterError as exc:
        raise BadInput(f"--roster: {exc}") from None
    match = roster.match([s.id for s in students])
    said = [f"Roster: students matched by {roster.key_name!r}, grades into "
            + ", ".join(repr(c) for c in columns) + f" ({len(students) - len(match.without_roster_row)} of "
            f"{len(students)} submissions have a roster row)."]
    if match.without_submission:
        said.append(f"Roster students without a submission: {', '.join(match.without_submission)}.")
    if match.without_roster_row:
        said.append(f"Submissions without a roster row: {', '.join(match.without_roster_row)}.")
    for line in said:
        click.echo(fitted(line), err=True)
    return roster


def roster_not_rewritten(out: Path, why: str) -> None:
    """Said loudly: a roster-graded.csv of an earlier run is moved aside, never left to be uploaded stale."""
    from grader.classroom.gradebook import ROSTER_OUTPUT

    stale = out / ROSTER_OUTPUT
    moved = ""
    if stale.exists():
        stale.replace(out / "roster-graded.stale.csv")
        moved = f" The earlier {ROSTER_OUTPUT} was moved to roster-graded.stale.csv: do not upload it."
    click.echo(fitted(f"WARNING: {ROSTER_OUTPUT} NOT rewritten: {why}.{moved} Pass --roster again to write it."),
               err=True)


def late_settings(due, penalty, cap, grace, submitted_at, settings: dict):
    """(late policy or None, student -> time from --submitted-at), given now or remembered by OUT."""
    from grader.classroom.late import LateError, LatePolicy, parse_policy, parse_time, read_times

    remembered_late = settings.get("late") or {}
    try:
        if due or penalty or cap or grace:
            policy = parse_policy(due, penalty, cap, grace)
        else:
            policy = LatePolicy.from_json(remembered_late["policy"]) if remembered_late.get("policy") else None
        if submitted_at is not None:
            times = read_times(submitted_at)
        else:
            times = {k: parse_time(v, "remembered time") for k, v in (remembered_late.get("times") or {}).items()}
    except LateError as exc:
        raise BadInput(str(exc)) from None
    if policy is not None:
        click.echo(fitted(f"Late work: {policy.describe()}."), err=True)
    return policy, times


def only_exercises(out: Path, students, only: tuple[str, ...], asked: list[str] | None) -> list[str]:
    """--only: the named students must be in SUBMISSIONS and OUT must hold the class's results,
    graded with the exercises asked for (by default, the ones they were graded with)."""
    from grader.classroom.batch import ResultStore, stored_selection
    from grader.classroom.roster import close_names

    ids = [s.id for s in students]
    for name in only:
        if name not in ids:
            raise BadInput(f"--only {name}: no such student among the submissions{close_names(name, ids)}")
    if not (out / "results").is_dir():
        raise BadInput(f"--only regrades students of an already graded class, and {out}/results does not exist: "
                       "grade the class without --only first")
    selections = [s for s in stored_selection(ResultStore(out), students) if s is not None]
    if not selections:
        raise BadInput(f"--only: {out}/results holds no result for these submissions; grade the class without "
                       "--only first")
    if len(selections) > 1 and asked is None:
        raise BadInput(f"--only: the results in {out} were graded with different exercises; name them with -e")
    wanted = asked if asked is not None else selections[0]
    if any(selection != wanted for selection in selections):
        graded = " ".join(f"-e {n}" for n in selections[0])
        raise BadInput(f"--only: the class in {out} was graded with {graded}: regrade with the same exercises")
    return wanted


def parse_shard_option(value: str | None):
    """--shard I/N, parsed (None without it); a bad value is a usage error naming --shard."""
    from grader.classroom.shards import ShardError, parse_shard

    try:
        return None if value is None else parse_shard(value)
    except ShardError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None


def shard_part(students, shard, only: tuple[str, ...]):
    """This shard's students; an --only name of another part is said before OUT is touched."""
    from grader.classroom.shards import select, shard_of

    part = select(students, shard)
    ids = {s.id for s in part}
    for name in only:
        if name not in ids and any(s.id == name for s in students):
            raise BadInput(f"--only {name}: {name} is in shard {shard_of(name, shard.count)}/{shard.count}, "
                           f"not in {shard}")
    say(f"Shard {shard}: {len(part)} of the {len(students)} students.", err=True)
    return part


def write_shard_manifest(out: Path, shard, class_ids: list[str], part, course: Course,
                         exercises: list[str]) -> None:
    """OUT/shard.json: which part of which class this run grades, for `grade merge`."""
    from grader.classroom.batch import course_fingerprint
    from grader.classroom.shards import write_manifest

    write_manifest(out, shard, class_ids, [s.id for s in part], course_fingerprint(course, exercises), exercises,
                   course.title)


def cluster_errors(cluster: str | None) -> tuple:
    """With --cluster: the errors that end a cluster run (Dask is there, or it is said how to install it)."""
    if not cluster:
        return ()
    from grader.classroom.cluster import INSTALL_HINT, ClusterError, available

    if not available():
        raise BadInput(INSTALL_HINT)
    return (ClusterError,)


def cluster_stopped(error, saved: int, out: Path) -> None:
    """A lost scheduler ends the run with status 1, the results kept for --resume; any other
    cluster error is bad input."""
    from grader.classroom.cluster import ClusterLost

    kept = f"{saved} results are saved in {out}/results"
    if isinstance(error, ClusterLost):
        click.echo("", err=True)
        click.echo(fitted(f"{error}: {kept}; run again with --resume to continue (once a scheduler answers)."),
                   err=True)
        sys.exit(EXIT_FAILED)
    raise BadInput(f"{error}" + (f" ({kept})" if saved else ""))
