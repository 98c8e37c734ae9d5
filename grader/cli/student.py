"""A student's commands: `grade ex3` (one command per exercise), `grade all`, `grade list`,
`grade init`, `grade hint`, `grade watch`.

Grading asks the background server first; in-process, the zygote is started before the
torch-heavy modules (runner, report) are imported, so that its torch import overlaps with
ours: ~1.5 s off every `grade ex3`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from grader.cli.common import (EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, course_line, current_course, fitted,
                               grading_options, say, tabulate, text_width)
from grader.grading.course import Course, CourseError, Exercise
from grader.remote.launcher import LaunchError, Zygote
from grader.serve.workspace import Workspace


def _find_submission(course: Course, option: str | None, exercises: list[Exercise]) -> Path:
    """--submission, else the workspace around the current folder, else the current folder
    when it holds exercise files, else the untouched templates (saying how to start)."""
    if option:
        folder = Path(option)
        if not folder.is_dir():
            raise click.BadParameter(f"{folder} is not a folder", param_hint="--submission")
        return folder
    workspace = Workspace.find()
    if workspace is not None:
        return workspace.folder
    cwd = Path.cwd()
    if any((cwd / e.filename).exists() or (cwd / f"{e.name}.ipynb").exists() for e in course.exercises):
        return cwd
    files = ", ".join(e.filename for e in exercises)
    say(f"No {files} here ({cwd}): grading the untouched templates in {course.template_dir}.\n"
        f"To start working, make your own copy and grade it:\n"
        f"  grade init && cd work && grade {exercises[0].name if len(exercises) == 1 else 'all'}\n", err=True)
    return course.template_dir


def _remember(folder: Path, results) -> None:
    workspace = Workspace.find(folder)
    if workspace is not None and workspace.folder.resolve() == folder.resolve():
        for r in results:
            workspace.remember(r.exercise, r.score, r.max_score, r.all_passed)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _grade(exercises: list[Exercise], submission: str | None, fmt: str, verbose: bool, single: bool,
           require_sandbox: bool) -> None:
    from grader.remote.sandbox import ALL_LAYERS

    course = current_course()
    folder = _find_submission(course, submission, exercises).absolute()
    required_layers = ALL_LAYERS if require_sandbox else ()
    results = _grade_on_server(course, exercises, folder, required_layers)
    if results is None:
        results = _grade_here(course, exercises, folder, required_layers)
    from grader.reports.report import render

    _remember(folder, results)
    line = course_line(course)
    if line:
        click.echo(line, err=fmt not in ("text", "table", "markdown"))  # machine formats keep stdout parseable
    click.echo(render(results, fmt, verbose, single, color=_use_color()))
    if all(r.missing for r in results):
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_OK if all(r.all_passed for r in results) else EXIT_FAILED)


def _grade_on_server(course: Course, exercises: list[Exercise], folder: Path, required_layers: tuple):
    """The results from the background grading server (started if need be), or None when
    it cannot be used this time: then the caller grades in-process, same results."""
    from grader.serve import serverlink

    if not serverlink.enabled():
        return None
    timeout = sum(e.time_limit for e in exercises) + 30
    try:
        return serverlink.grade(course.root, [e.name for e in exercises], folder, required_layers, timeout)
    except serverlink.ServerSuiteError as exc:
        raise click.ClickException(f"the grader could not run: {exc}") from None
    except serverlink.ServerUnavailable as exc:
        if exc.tell:
            say(f"note: {exc}; grading without the background server.", err=True)
        return None


def _grade_here(course: Course, exercises: list[Exercise], folder: Path, required_layers: tuple):
    zygote = Zygote().start()  # first: its torch import overlaps with ours
    from grader.grading.runner import SuiteError, grade_exercises
    from grader.remote.sandbox import Limits

    try:
        with zygote:
            return grade_exercises(course, exercises, folder, zygote, Limits(required_layers=required_layers))
    except (SuiteError, LaunchError) as exc:
        raise click.ClickException(f"the grader could not run: {exc}") from None


def exercise_command(exercise: Exercise) -> click.Command:
    """`grade ex3`: the command of one exercise of the course."""
    @click.command(name=exercise.name, help=f"Grade {exercise.filename}: {exercise.title} "
                                            f"({exercise.section}).")
    @grading_options
    def command(submission, fmt, verbose, require_sandbox):
        _grade([exercise], submission, fmt, verbose, single=True, require_sandbox=require_sandbox)

    return command


@click.command(name="all")
@grading_options
def grade_all(submission, fmt, verbose, require_sandbox):
    """Grade every exercise: a summary row each, then what to fix."""
    _grade(current_course().exercises, submission, fmt, verbose, single=False, require_sandbox=require_sandbox)


@click.command(name="list")
def list_exercises():
    """List the exercises with their titles, checks and points."""
    course = current_course()
    workspace = Workspace.find()
    rows = []
    for e in course.exercises:
        checks = e.checks()
        row = [e.name, e.title, len(checks), f"{sum(c.points for c in checks):g}"]
        if workspace is not None:
            row.append(_progress(workspace.last(e.name)))
        rows.append(row + [e.section])
    headers = ["exercise", "title", "checks", "points"] + (["progress"] if workspace else []) + ["read"]
    line = course_line(course)
    if line:
        click.echo(line + "\n")
    click.echo(_fitted_table(rows, headers))
    if workspace is None:
        click.echo(fitted("\nRun `grade init` to make a workspace; `grade list` then shows your progress."))


def _fitted_table(rows: list[list], headers: list[str]) -> str:
    """The table when it fits the terminal; else a short block per exercise: name, title,
    checks and points on one line, then the other columns as "header: value", wrapped."""
    from grader.reports.textfit import display_width, terminal_width, wrap

    table = tabulate(rows, headers=headers, tablefmt="simple")
    width = terminal_width()
    if max(display_width(line) for line in table.splitlines()) <= width:
        return table
    blocks = []
    for name, title, checks, points, *others in rows:
        lines = wrap(f"{name}  {title} — {checks} checks, {points} points", width, rest="    ")
        for header, value in zip(headers[4:], others):
            lines += wrap(f"{header}: {value}", width, first="    ", rest="      ")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _progress(last: dict | None) -> str:
    if last is None:
        return "not graded yet"
    if last["passed"]:
        return f"passes ({last['score']:g}/{last['max_score']:g})"
    return f"{'partly' if last['score'] else 'not yet'} ({last['score']:g}/{last['max_score']:g})"


@click.command()
@click.argument("folder", required=False, default="work", type=click.Path(file_okay=False, path_type=Path))
def init(folder):
    """Copy the exercise templates into FOLDER (default: ./work) to start working.

    Never overwrites a file that exists. Inside the folder, every command finds your
    work by itself: just run `grade ex1`, `grade watch`, `grade hint ex1`.
    """
    course = current_course()
    if not course.is_bundled:  # you chose it (--course, $GRADER_COURSE or trusted): find it again from work/
        from grader.core import trust

        trust.trust(course.root)
    # The installed course goes unrecorded, unless several are installed: `grade` in the
    # workspace then needs to know which (grader/core/project.py).
    from grader.grading.course import bundled_roots

    chosen = not course.is_bundled or len(bundled_roots()) > 1
    workspace, copied, kept = Workspace.create(folder, course.template_dir, course=course.root if chosen else None)
    if copied:
        say(f"Copied {', '.join(copied)} into {folder}/")
    if kept:
        say(f"Kept your existing {', '.join(kept)} (nothing overwritten)")
    first = course.exercises[0].name if course.exercises else "ex1"
    say(f"\nNext:\n  cd {folder}")
    click.echo(_commented([("grade watch", f"re-grades each time you save; start with {first}.py"),
                           (f"grade hint {first}", "stuck? hints, one at a time"),
                           ("grade list", "your progress")]))


def _commented(commands: list[tuple[str, str]]) -> str:
    """Commands to type, each with its comment in one column; a comment too long for the
    terminal goes on under itself, never under the commands."""
    from grader.reports.textfit import wrap

    column = max(19, *(len(command) + 1 for command, _ in commands))
    lines = []
    for command, comment in commands:
        lead = f"  {command:<{column}}# "
        lines += wrap(comment, text_width(), first=lead, rest=" " * len(lead))
    return "\n".join(lines)


@click.command()
@click.argument("exercise")
@click.option("--all", "show_all", is_flag=True, help="Show every hint at once.")
def hint(exercise, show_all):
    """Show the next hint for EXERCISE (each call shows one more)."""
    course = current_course()
    try:
        ex = course.exercise(exercise)
    except CourseError as exc:
        raise click.BadParameter(str(exc), param_hint="EXERCISE") from None
    if not ex.hints:
        say(f"No hints for {ex.name}. Read {ex.section}.")
        return
    if show_all:
        for number, text in enumerate(ex.hints, start=1):
            say(f"Hint {number}/{len(ex.hints)} for {ex.name}: {text}\n")
        return
    workspace = Workspace.find()
    index = workspace.next_hint(ex.name, len(ex.hints)) if workspace else 0
    say(f"Hint {index + 1}/{len(ex.hints)} for {ex.name}: {ex.hints[index]}")
    if workspace is None:
        say("\n(Outside a workspace the first hint is shown each time: run `grade init`, or use --all.)")
    elif index + 1 < len(ex.hints):
        say(f"\nRun `grade hint {ex.name}` again for the next one.")


@click.command()
@click.argument("exercise", required=False)
@click.option("--submission", "-s", metavar="DIR", help="Folder holding the exercise files.")
@click.option("--interval", type=float, default=0.5, show_default=True, help="Seconds between checks for a save.")
def watch(exercise, submission, interval):
    """Re-grade each time the exercise file is saved (Ctrl-C to stop).

    With no EXERCISE, follow the first exercise not yet passing, and move on to the next
    one as soon as it passes.
    """
    course = current_course()
    try:
        order = [course.exercise(exercise)] if exercise else course.exercises
    except CourseError as exc:
        raise click.BadParameter(str(exc), param_hint="EXERCISE") from None
    folder = _find_submission(course, submission, order)
    zygote = Zygote().start()
    from grader.reports.report import render
    from grader.grading.runner import grade_exercise

    position, last_stamp = 0, None
    try:
        with zygote:
            while True:
                current = order[position]
                files = [folder / current.filename, folder / f"{current.name}.ipynb"]
                stamp = tuple(f.stat().st_mtime_ns if f.exists() else None for f in files)
                if stamp != last_stamp:
                    last_stamp = stamp
                    result = grade_exercise(course, current, folder, zygote)
                    _remember(folder, [result])
                    click.clear()
                    click.echo(render([result], "text", False, True, color=_use_color()))
                    if result.all_passed and not exercise and position + 1 < len(order):
                        position, last_stamp = position + 1, None
                        say(f"\n{current.name} passes. Moving on to {order[position].name}...")
                        time.sleep(1.5)
                        continue
                    done = " Every exercise passes!" if result.all_passed and not exercise else ""
                    watched = files[0] if files[0].exists() or not files[1].exists() else files[1]
                    click.echo("\n" + fitted(f"Watching {watched} — save it to grade again; Ctrl-C to stop.{done}"))
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("\nStopped watching.")
