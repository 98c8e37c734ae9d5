"""The `grade` command.

    grade ex3                 grade one exercise (every exercise is a command of its own)
    grade all                 grade every exercise: a summary row each, then what to fix
    grade list                the exercises, their titles and points
    grade verify              course CI: references earn full marks, stubs earn zero
    grade new NAME            scaffold a new exercise in the course folder

Exit status: 0 every check passed, 1 some check did not, 2 bad usage or input.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from grader.grading.course import BUNDLED_DIR, Course, CourseError, Exercise
from grader.remote.launcher import LaunchError, Zygote
from grader.serve.workspace import Workspace

# torch-heavy modules (runner, report, verify) are imported after the zygote has been
# started, so that its torch import overlaps with ours: ~1.5 s off every `grade ex3`.

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def tabulate(*args, **kwargs) -> str:
    """tabulate's, imported on first use: `grade ex3` draws no grid (~30 ms of start-up)."""
    from tabulate import tabulate as draw

    return draw(*args, **kwargs)


# Commands a student release leaves out of `grade --help` (they need the reference solutions).
INSTRUCTOR_COMMANDS = ("batch", "merge", "release", "gradescope", "verify", "new")


class BadInput(click.ClickException):
    """One line on stderr, exit status 2."""

    exit_code = EXIT_BAD_INPUT


_COURSE_OPTION = "grader.grading.course"  # where --course keeps its folder, in click's per-invocation meta


def _locate() -> Course:
    """The course of this invocation, read once (help and command lookup ask for it often)."""
    context = click.get_current_context(silent=True)
    meta = context.meta if context is not None else {}
    if "grader.located" not in meta:
        chosen = meta.get(_COURSE_OPTION)
        if chosen is not None:
            located = Course(chosen)
        else:
            workspace = Workspace.find()
            located = Course.locate(recorded=workspace.course if workspace else None,
                                    recorded_in=workspace.marker if workspace else None)
        meta["grader.located"] = located
    return meta["grader.located"]


def _course() -> Course:
    try:
        return _locate()
    except CourseError as exc:
        raise BadInput(str(exc)) from None


def _course_line(course: Course) -> str:
    """Which course is in use, said whenever it is not the one that came with the grader."""
    return "" if course.is_bundled else _fitted(f"Course: {course.title} ({course.root})")


def _fitted(text: str) -> str:
    """A line the command prints itself, wrapped to the terminal like the report's."""
    from grader.reports.textfit import terminal_width, wrap

    return "\n".join(wrap(text, terminal_width(), rest="  "))


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
    click.echo(f"No {files} here ({cwd}): grading the untouched templates in {course.template_dir}.\n"
               f"To start working, make your own copy and grade it:\n"
               f"  grade init && cd work && grade {exercises[0].name if len(exercises) == 1 else 'all'}\n",
               err=True)
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

    course = _course()
    folder = _find_submission(course, submission, exercises).absolute()
    required_layers = ALL_LAYERS if require_sandbox else ()
    results = _grade_on_server(course, exercises, folder, required_layers)
    if results is None:
        results = _grade_here(course, exercises, folder, required_layers)
    from grader.reports.report import render

    _remember(folder, results)
    line = _course_line(course)
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
            click.echo(f"note: {exc}; grading without the background server.", err=True)
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


def grading_options(function):
    function = click.option("--require-sandbox", is_flag=True,
                            help="Refuse to run submissions unless every sandbox layer "
                                 "(netns, landlock, seccomp, rlimits) is available.")(function)
    function = click.option("--verbose", "-v", is_flag=True,
                            help="List passing checks too, and show what the code printed.")(function)
    function = click.option("--format", "fmt",
                            type=click.Choice(["text", "table", "json", "markdown", "junit", "gradescope"]),
                            default="text", show_default=True,
                            help="text: what to fix first, fitted to the terminal; table: every check in a grid; "
                                 "json for tools, markdown for reports, junit for CI (GitHub Classroom), "
                                 "gradescope for Gradescope's results.json.")(function)
    function = click.option("--submission", "-s", metavar="DIR",
                            help="Folder holding the exercise files, e.g. ex3.py (default: the current folder if it has "
                                 "them, else the untouched templates).")(function)
    return function


def _exercise_command(exercise: Exercise) -> click.Command:
    @click.command(name=exercise.name, help=f"Grade {exercise.filename}: {exercise.title} "
                                            f"({exercise.section}).")
    @grading_options
    def command(submission, fmt, verbose, require_sandbox):
        _grade([exercise], submission, fmt, verbose, single=True, require_sandbox=require_sandbox)

    return command


class CourseGroup(click.Group):
    """Built-in commands plus one command per exercise found in the course."""

    def _builtin(self, ctx) -> list[str]:
        try:
            release = _locate().is_release
        except CourseError:
            release = False
        names = super().list_commands(ctx)
        return [n for n in names if n not in INSTRUCTOR_COMMANDS] if release else names

    def list_commands(self, ctx):
        try:
            names = [e.name for e in _locate().exercises]
        except CourseError:
            names = []
        return self._builtin(ctx) + names

    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        try:
            course = _locate()
        except CourseError as exc:  # say why (an untrusted or broken course), not "no such command"
            raise BadInput(str(exc)) from None
        try:
            return _exercise_command(course.exercise(name))
        except CourseError:
            return None

    def format_commands(self, ctx, formatter):
        builtin = [(n, self.commands[n]) for n in self._builtin(ctx)]
        exercises = [(n, self.get_command(ctx, n)) for n in self.list_commands(ctx) if n not in self.commands]
        for title, pairs in (("Commands", builtin), ("Exercises", exercises)):
            if pairs:
                with formatter.section(title):
                    formatter.write_dl([(n, c.get_short_help_str(60)) for n, c in pairs])


def _use_course(ctx, param, value):
    if value is not None:  # batch slots are handed the course's folder; workers never need it
        ctx.meta[_COURSE_OPTION] = value.resolve()
    return value


@click.group(cls=CourseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--course", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", is_eager=True,
              expose_value=False, callback=_use_course,
              help="The course folder (holding course.toml). Default: $GRADER_COURSE, else the nearest "
                   "folder at or above this one with a course.toml (once trusted: grade course trust DIR), "
                   "else the course your workspace was "
                   "made from, else the course installed with the grader.")
def main():
    """Grade the PyTorch exercises of a course (chapter 2's, unless told otherwise).

    \b
    Students:     grade ex3            (run it in the folder holding your ex3.py)
                  grade all            (every exercise, a summary row each)
    Instructors:  grade verify         (reference = full marks, stubs = zero)
                  grade new ex10       (a new exercise, in your course folder)

    Exit status: 0 when every check passed, 1 when some did not, 2 on bad usage or input.
    """


@main.command(name="all")
@grading_options
def grade_all(submission, fmt, verbose, require_sandbox):
    """Grade every exercise: a summary row each, then what to fix."""
    _grade(_course().exercises, submission, fmt, verbose, single=False, require_sandbox=require_sandbox)


@main.command(name="list")
def list_exercises():
    """List the exercises with their titles, checks and points."""
    course = _course()
    workspace = Workspace.find()
    rows = []
    for e in course.exercises:
        checks = e.checks()
        row = [e.name, e.title, len(checks), f"{sum(c.points for c in checks):g}"]
        if workspace is not None:
            row.append(_progress(workspace.last(e.name)))
        rows.append(row + [e.section])
    headers = ["exercise", "title", "checks", "points"] + (["progress"] if workspace else []) + ["read"]
    line = _course_line(course)
    if line:
        click.echo(line + "\n")
    click.echo(_fitted_table(rows, headers))
    if workspace is None:
        click.echo(_fitted("\nRun `grade init` to make a workspace; `grade list` then shows your progress."))


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


@main.command()
@click.argument("folder", required=False, default="work", type=click.Path(file_okay=False, path_type=Path))
def init(folder):
    """Copy the exercise templates into FOLDER (default: ./work) to start working.

    Never overwrites a file that exists. Inside the folder, every command finds your
    work by itself: just run `grade ex1`, `grade watch`, `grade hint ex1`.
    """
    course = _course()
    if not course.is_bundled:  # you chose it (--course, $GRADER_COURSE or trusted): find it again from work/
        from grader.core import trust

        trust.trust(course.root)
    workspace, copied, kept = Workspace.create(folder, course.template_dir,
                                               course=None if course.is_bundled else course.root)
    if copied:
        click.echo(f"Copied {', '.join(copied)} into {folder}/")
    if kept:
        click.echo(f"Kept your existing {', '.join(kept)} (nothing overwritten)")
    first = course.exercises[0].name if course.exercises else "ex1"
    click.echo(f"\nNext:\n  cd {folder}\n  grade watch        # re-grades each time you save; start with {first}.py\n"
               f"  grade hint {first}     # stuck? hints, one at a time\n  grade list         # your progress")


@main.command()
@click.argument("exercise")
@click.option("--all", "show_all", is_flag=True, help="Show every hint at once.")
def hint(exercise, show_all):
    """Show the next hint for EXERCISE (each call shows one more)."""
    course = _course()
    try:
        ex = course.exercise(exercise)
    except CourseError as exc:
        raise click.BadParameter(str(exc), param_hint="EXERCISE") from None
    if not ex.hints:
        click.echo(f"No hints for {ex.name}. Read {ex.section}.")
        return
    if show_all:
        for number, text in enumerate(ex.hints, start=1):
            click.echo(f"Hint {number}/{len(ex.hints)} for {ex.name}: {text}\n")
        return
    workspace = Workspace.find()
    index = workspace.next_hint(ex.name, len(ex.hints)) if workspace else 0
    click.echo(f"Hint {index + 1}/{len(ex.hints)} for {ex.name}: {ex.hints[index]}")
    if workspace is None:
        click.echo("\n(Outside a workspace the first hint is shown each time: run `grade init`, or use --all.)")
    elif index + 1 < len(ex.hints):
        click.echo(f"\nRun `grade hint {ex.name}` again for the next one.")


@main.command()
@click.argument("exercise", required=False)
@click.option("--submission", "-s", metavar="DIR", help="Folder holding the exercise files.")
@click.option("--interval", type=float, default=0.5, show_default=True, help="Seconds between checks for a save.")
def watch(exercise, submission, interval):
    """Re-grade each time the exercise file is saved (Ctrl-C to stop).

    With no EXERCISE, follow the first exercise not yet passing, and move on to the next
    one as soon as it passes.
    """
    course = _course()
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
                        click.echo(f"\n{current.name} passes. Moving on to {order[position].name}...")
                        time.sleep(1.5)
                        continue
                    done = " Every exercise passes!" if result.all_passed and not exercise else ""
                    watched = files[0] if files[0].exists() or not files[1].exists() else files[1]
                    click.echo("\n" + _fitted(f"Watching {watched} — save it to grade again; Ctrl-C to stop.{done}"))
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("\nStopped watching.")


@main.group(name="course")
def course_group():
    """Which course folders `grade` may load when it finds them by itself.

    \b
    A course's checks run as you, so a course.toml found in the current folder (or above
    it), or recorded in a workspace, is used only once you trust its folder, like direnv's
    allow: a student's submission that ships its own course.toml never grades itself.
    Courses named with --course or $GRADER_COURSE, and the one installed with the grader,
    need no trust. `grade init` and `grade new` trust the course they work on.
    """


@course_group.command(name="trust")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def course_trust(folder):
    """Trust the course in FOLDER (it must hold a course.toml)."""
    from grader.core import trust

    from grader.grading.course import COURSE_FILE

    if not (folder / COURSE_FILE).is_file():
        raise BadInput(f"{folder.resolve()}: no {COURSE_FILE} here, so no course to trust")
    try:
        Course(folder)  # a broken course is named now, not at the next grade
    except CourseError as exc:
        raise BadInput(str(exc)) from None
    added = trust.trust(folder)
    click.echo(f"{'Trusted' if added else 'Already trusted'}: {folder.resolve()}")


@course_group.command(name="forget")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def course_forget(folder):
    """Stop trusting the course in FOLDER."""
    from grader.core import trust

    if not trust.forget(folder):
        raise BadInput(f"{folder.resolve()} was not trusted")
    click.echo(f"No longer trusted: {folder.resolve()}")


@course_group.command(name="list")
def course_list():
    """The course folders you trust, and the course in use here."""
    from grader.core import trust

    folders = trust.trusted()
    click.echo("Trusted course folders:" if folders else "No trusted course folders (grade course trust DIR).")
    for folder in folders:
        click.echo(f"  {folder}{'' if (folder / 'course.toml').is_file() else '  (no course.toml now)'}")
    try:
        course = _locate()
        click.echo(_fitted(f"In use here: {course.title} ({course.root})"))
    except CourseError as exc:
        click.echo(_fitted(f"In use here: none ({exc})"))


@main.group()
def server():
    """The background grading server that makes `grade ex3` fast.

    \b
    The first `grade` starts it; later ones reuse it (torch, the checks and a warm
    worker are already loaded). It serves only you, over a socket in a private folder;
    stops by itself after 15 idle minutes (GRADER_SERVER_IDLE, seconds); is replaced
    when the grader, the course or Python changes. GRADER_SERVER=0 grades without it.
    """


@server.command(name="status")
def server_status():
    """Say whether a server is running, and what it serves."""
    from grader.serve import serverlink

    try:
        info = serverlink.status()
    except serverlink.ServerUnavailable as exc:
        raise BadInput(str(exc)) from None
    if info is None:
        click.echo("No grading server is running (the next `grade` starts one).")
        return
    if info.get("status") != "running":
        click.echo(f"A grading server (pid {info.get('pid')}) is not answering: {info.get('message', '')}\n"
                   "`grade server stop` ends it.")
        return
    idle = info.get("idle_timeout", 0)
    click.echo(f"Grading server running: pid {info['pid']}, up {_duration(time.time() - info['started'])}, "
               f"{info['graded']} grade{'s' if info['graded'] != 1 else ''} served"
               f"{', grading now' if info.get('busy') else ''}.\n"
               f"  course:  {info.get('course') or '(none loaded yet)'}\n"
               f"  grader:  {info['grader']}\n"
               f"  python:  {info['python']}\n"
               f"  socket:  {info['socket']}\n"
               f"It stops after {_duration(idle)} without a request, or with `grade server stop`.")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"


@server.command(name="stop")
def server_stop():
    """Stop the server (after the grade it is doing, if any)."""
    from grader.serve import serverlink

    try:
        pid = serverlink.stop()
    except serverlink.ServerUnavailable as exc:
        raise BadInput(str(exc)) from None
    click.echo("No grading server was running." if pid is None else f"Stopped the grading server (pid {pid}).")


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def release(out):
    """Build the student release in OUT: grader, stubs, public checks; no answers.

    Leaves out reference/, hidden checks and misconception catalogs. Public checks get
    the reference's answers from fixtures recorded now (seeded inputs).
    """
    from grader.authoring.release import build_release

    course = _course()
    if course.is_release:
        raise BadInput("this is already a student release")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BadInput(f"{out} exists and is not empty: give a new or empty folder (nothing was written)")
    try:
        names = build_release(course, out)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote the student release of {', '.join(names)} to {out}/\n"
               f"Students: pip install torch==2.13.0 && pip install {out} && grade init\n"
               f"(or hand out its wheel: pip wheel --no-deps {out} -w dist)")


@main.command()
@click.argument("name")
@click.option("--title", help="The exercise's title (default: \"Exercise NAME\").")
def new(name, title):
    """Scaffold exercise NAME in the course folder: stub, reference, checks, catalog.

    Writes student_template/NAME.py, reference/NAME.py and assignments/NAME/ (exercise.toml,
    checks.py with a sample check, misconceptions.py with one entry), and adds NAME to
    course.toml's order. `grade verify -e NAME` passes at once; then replace the sample
    function with your own. Never overwrites a file.
    """
    from grader.authoring.scaffold import ScaffoldError, scaffold_exercise

    course = _course()
    if course.is_release:
        raise BadInput("a student release has no reference solutions: run grade new in the instructor's "
                       "course folder")
    if course.root == BUNDLED_DIR.resolve():
        raise BadInput(f"{course.root} is not a course folder you can add to (it came with the installed grader): "
                       "run grade new in your own course folder (with a course.toml), or pass --course DIR")
    try:
        written = scaffold_exercise(course.root, name, title)
    except (ScaffoldError, OSError) as exc:
        raise BadInput(str(exc)) from None
    from grader.core import trust

    trust.trust(course.root)  # you are writing it: `grade verify` inside it needs no --course from now on
    for path in written:
        click.echo(f"wrote {path.relative_to(course.root)}")
    click.echo(f"\nNext: grade verify -e {name}    (passes as written; then make {name} your own: "
               "docs/authoring.md)")


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def gradescope(out):
    """Build a Gradescope autograder bundle (setup.sh, run_autograder, the grader) as OUT.zip.

    Upload it as the assignment's autograder. Each submission is graded with every
    exercise; hidden checks are shown to students after grades are published.
    """
    from grader.classroom.gradescope import build_bundle

    course = _course()
    names = build_bundle(course, out)
    click.echo(f"Wrote {out} ({len(names)} files): upload it in Gradescope as the autograder (zip).")


@main.command()
@click.option("--exercise", "-e", "names", multiple=True, metavar="NAME", help="Only these exercises.")
@click.option("--no-attacks", "no_attacks", is_flag=True,
              help="Skip the attack-class mutants (thresholds, changed inputs, kept state, global state, numpy, "
                   "training shortcuts).")
@click.option("--no-auto-mutants", "no_auto_mutants", is_flag=True,
              help="Skip the automatic mutants (operators applied to each reference); the catalog's still run.")
def verify(names, no_auto_mutants, no_attacks):
    """Course CI: every reference earns full marks, every stub zero, twice identically.

    \b
    Then mutation testing:
      catalog mutants    every misconception in assignments/<ex>/misconceptions.py must
                         lose points and be named in the feedback
      automatic mutants  small edits of reference/<ex>.py (swapped operators, dropped
                         transposes, off-by-one constants, in-place variants, ...) must
                         lose points, or be listed with the reason they are equivalent in
                         assignments/<ex>/equivalent_mutants.toml
      attack classes     each contract function wrapped to misbehave the way outsiders'
                         wrong work did (only past a size, step count, learning rate or
                         magnitude; changing its inputs; keeping state between calls;
                         leaving torch's settings changed; importing numpy; skipping
                         zero_grad, decaying the learning rate, clipping): killed or listed
                         with a reason, like automatic mutants
    """
    course = _course()
    if course.is_release:
        raise click.ClickException("grade verify checks the course against its reference solutions, which a "
                                   "student release does not contain: run it in the instructor's repository.")
    zygote = Zygote().start()
    from grader.authoring.mutation import run_attack_mutation_tests, run_auto_mutation_tests, run_mutation_tests
    from grader.grading.runner import SuiteError
    from grader.authoring.verify import verify_course

    try:
        exercises = [course.exercise(n) for n in names] or course.exercises
        with zygote:
            rows = verify_course(course, zygote, exercises)
            mutation = run_mutation_tests(course, zygote, exercises)
            automatic = [] if no_auto_mutants else run_auto_mutation_tests(course, zygote, exercises)
            attacks = [] if no_attacks else run_attack_mutation_tests(course, zygote, exercises)
    except (CourseError, SuiteError, LaunchError) as exc:
        raise click.ClickException(str(exc)) from None
    table = [[r.exercise, r.reference, r.template, "yes" if r.deterministic else "NO",
              "ok" if not r.problems else "\n".join(r.problems)] for r in rows]
    click.echo(tabulate(table, headers=["exercise", "reference", "stub", "deterministic", "result"],
                        tablefmt="simple_grid", maxcolwidths=[None, None, None, None, 70]))
    failed = [r for r in rows if r.problems]
    click.echo(f"verify: {len(rows) - len(failed)} of {len(rows)} exercises consistent\n")
    _echo_catalog_mutants(mutation)
    if not no_auto_mutants:
        click.echo()
        _echo_automatic_mutants(automatic)
    if not no_attacks:
        click.echo()
        _echo_automatic_mutants(attacks, kind="attack-class")
    mutation_failed = [m for m in mutation if m.problems] + [a for a in automatic + attacks if a.failed]
    sys.exit(EXIT_FAILED if failed or mutation_failed else EXIT_OK)


def _echo_catalog_mutants(mutation) -> None:
    click.echo("Mutation testing (each catalog misconception applied to the reference):")
    table = [[m.exercise, m.mutants, m.killed, m.named, "ok" if not m.problems else "\n".join(m.problems)]
             for m in mutation]
    click.echo(tabulate(table, headers=["exercise", "mutants", "killed", "named", "result"], tablefmt="simple_grid",
                        maxcolwidths=[None, None, None, None, 70]))
    total = sum(m.mutants for m in mutation)
    caught = sum(m.named for m in mutation)
    score = 100 * caught / total if total else 100
    click.echo(f"catalog mutation score: {score:.0f}% ({caught} of {total} killed and named)")


def _echo_automatic_mutants(rows, kind: str = "automatic") -> None:
    what = "operators applied to the reference" if kind == "automatic" else \
        "each contract function made wrong the way outsiders' work was"
    click.echo(_fitted(f"{kind.capitalize()} mutants ({what}; a survivor needs a check that kills it, "
                       "or an entry with its reason in assignments/<ex>/equivalent_mutants.toml):"))
    table = [[a.exercise, a.mutants, a.killed, a.equivalent, len(a.known_holes), len(a.survivors), f"{a.seconds:.1f}",
              "FAILED (below)" if a.failed else "ok"] for a in rows]
    click.echo(tabulate(table, headers=["exercise", "mutants", "killed", "equiv.", "known holes", "survived",
                                        "seconds", "result"], tablefmt="simple_grid"))
    for a in rows:  # one line each, to read or to copy into the exercise's file
        for mutant in a.survivors:
            click.echo(f"{a.exercise}: survived: {mutant.id}: {mutant.description}")
        for line in a.stale + a.problems:
            click.echo(f"{a.exercise}: {line}")
    total, killed = sum(a.mutants for a in rows), sum(a.killed for a in rows)
    equivalent, survived = sum(a.equivalent for a in rows), sum(len(a.survivors) for a in rows)
    holes = sum(len(a.known_holes) for a in rows)
    # The usual mutation score: equivalent mutants cannot be killed, so they are not counted.
    score = 100 * killed / (total - equivalent) if total > equivalent else 100
    unjudged = sum(len(a.problems) for a in rows)
    click.echo(f"{kind} mutation score: {score:.0f}% ({killed} killed, {equivalent} justified as equivalent, "
               + (f"{holes} known holes, " if holes else "")
               + f"{survived} survived, " + (f"{unjudged} not judged, " if unjudged else "") + f"of {total})")


# grade batch --layout (layouts.py reads them)
LAYOUT_CHOICES = ("auto", "folders", "canvas", "moodle", "blackboard", "gradescope", "classroom")
LAYOUT_NAMES = {"folders": "one folder or .zip per student", "canvas": "Canvas's Download Submissions",
                "moodle": "Moodle's assignment download", "blackboard": "Blackboard's Assignment File Download",
                "gradescope": "a Gradescope export", "classroom": "GitHub Classroom repositories"}


@main.command()
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
@click.option("--shard", metavar="I/N", callback=lambda _context, _param, value: _parse_shard(value),
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
    import os

    from grader.classroom import remembered
    from grader.classroom.batch import ResultStore, run_batch, students_of
    from grader.classroom.gradebook import ROSTER_OUTPUT, write_outputs
    from grader.classroom.layouts import LayoutError, read_download, stage
    from grader.classroom.leftovers import sweep
    from grader.remote.sandbox import ALL_LAYERS
    from grader.classroom.unpack import MAX_ZIP_BYTES

    sweep()  # folders a killed run left behind
    course = _course()
    try:
        exercises = [course.exercise(n).name for n in names] or [e.name for e in course.exercises]
    except CourseError as exc:
        raise click.BadParameter(str(exc), param_hint="--exercise") from None
    line = _course_line(course)
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
        click.echo(_fitted(f"Read {submissions.name} as {LAYOUT_NAMES[download.layout]} "
                           f"({len(download.entries)} students{'' if layout != 'auto' else '; --layout to choose another'})."),
                   err=True)
    for message in download.notes:
        click.echo(_fitted(message), err=True)
    students = students_of(download, out)
    if not students:
        raise click.UsageError(f"{submissions} holds no student folders or .zip files")
    class_ids = [s.id for s in students]
    if shard is not None:
        students = _shard_part(students, shard, only)
    cluster_errors = _cluster_errors(cluster)
    # Everything that can be wrong with the options is said before OUT is touched.
    if only:
        exercises = _only_exercises(out, students, only, exercises if names else None)
    settings = remembered.load(out)
    roster_options = dict(column=roster_column, per_exercise=per_exercise, key=roster_key, overwrite=roster_overwrite,
                          points_possible=points_possible)
    roster_from = roster_path
    if roster_path is None and settings.get("roster") and not any(roster_options.values()):
        roster_options = {k: settings["roster"].get(k) for k in roster_options}
        roster_from = remembered.roster_file(out, settings)
    roster = None
    try:
        roster = _batch_roster(course, students, exercises, roster_from, roster_options["column"],
                               bool(roster_options["per_exercise"]), roster_options["key"],
                               bool(roster_options["overwrite"]))
    except BadInput as exc:
        if roster_path is not None or roster_from is None:
            raise
        _roster_not_rewritten(out, f"the roster remembered in {out} cannot be used: {exc.message}")
    policy, times = _late_settings(due, late_penalty, late_cap, grace, submitted_at, settings)
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
        _write_shard_manifest(out, shard, class_ids, students, course, exercises)
    layout_times = {s.id: s.submitted_at for s in students if s.submitted_at is not None}
    marked_late = {s.id for s in students if s.late}
    progress = _Progress(len(set(only)) if only else len(students))
    _stop_on_termination()
    try:
        records = run_batch(course, students, exercises, store, jobs or os.cpu_count() or 1, resume,
                            ALL_LAYERS if require_sandbox else (), on_done=progress.done,
                            only=set(only) if only else None, cluster=cluster)
    except cluster_errors as exc:
        progress.close()
        _cluster_stopped(exc, progress.count, out)
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"\nInterrupted: {progress.count} results are saved in {out}/results; "
                   "run again with --resume to finish.", err=True)
        sys.exit(130)
    progress.close()
    if only:
        _echo_only_notes(course, students, records, exercises)
    written = write_outputs(out, records, exercises, show_hidden, gradescope=fmt == "gradescope", roster=roster,
                            per_exercise=bool(roster_options["per_exercise"]),
                            points_possible=roster_options["points_possible"], times={**layout_times, **times},
                            marked_late=marked_late, policy=policy)
    _echo_digest(out, written, roster is not None)


def _stop_on_termination() -> None:
    """SIGTERM and SIGHUP end a batch as Ctrl-C does: slots stopped, their temporary folders removed."""
    import signal

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)


def _roster_not_rewritten(out: Path, why: str) -> None:
    """Said loudly: a roster-graded.csv of an earlier run is moved aside, never left to be uploaded stale."""
    from grader.classroom.gradebook import ROSTER_OUTPUT

    stale = out / ROSTER_OUTPUT
    moved = ""
    if stale.exists():
        stale.replace(out / "roster-graded.stale.csv")
        moved = f" The earlier {ROSTER_OUTPUT} was moved to roster-graded.stale.csv: do not upload it."
    click.echo(_fitted(f"WARNING: {ROSTER_OUTPUT} NOT rewritten: {why}.{moved} Pass --roster again to write it."),
               err=True)


def _late_settings(due, penalty, cap, grace, submitted_at, settings: dict):
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
        click.echo(_fitted(f"Late work: {policy.describe()}."), err=True)
    return policy, times


def _echo_digest(out: Path, written, with_roster: bool) -> None:
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


def _only_exercises(out: Path, students, only: tuple[str, ...], asked: list[str] | None) -> list[str]:
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


def _echo_only_notes(course: Course, students, records: list[dict], exercises: list[str]) -> None:
    from grader.classroom.batch import course_fingerprint

    graded = {r["student"] for r in records}
    left_out = [s.id for s in students if s.id not in graded]
    if left_out:
        click.echo(_fitted(f"Not in the class files (no stored result; grade them with --only or --resume): "
                           f"{', '.join(left_out)}"), err=True)
    version = course_fingerprint(course, exercises)
    older = [r["student"] for r in records if r.get("version") != version]
    if older:
        click.echo(_fitted(f"Note: {len(older)} kept results were graded by an earlier version of the grader "
                           "or checks; run without --only to regrade everyone."), err=True)


def _batch_roster(course: Course, students, exercises: list[str], path: Path | None, column: str | None,
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
        click.echo(_fitted(line), err=True)
    return roster


class _Progress:
    """click's progress bar on a terminal (count and ETA), plain lines otherwise."""

    def __init__(self, total: int):
        self.total, self.count = total, 0
        self.bar = None
        if sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="grading", show_eta=True, show_pos=True,
                                         file=sys.stderr)
            self.bar.__enter__()

    def done(self, record: dict, resumed: bool) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        else:
            note = " (unchanged, kept)" if resumed else ""
            click.echo(f"[{self.count}/{self.total}] {record['student']}: "
                       f"{record['score']:g}/{record['max_score']:g}{note}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command()
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
    roster = _batch_roster(SimpleNamespace(title=merged.course_title), students, merged.exercise_names,
                           roster_path, roster_column, per_exercise, roster_key, roster_overwrite)
    save_merged(out, merged)
    written = write_outputs(out, merged.records, merged.exercise_names, show_hidden, gradescope=fmt == "gradescope",
                            roster=roster, per_exercise=per_exercise)
    _echo_digest(out, written, roster is not None)
    click.echo(f"Merged {merged.shards} shards: wrote {out}/gradebook.csv, results.json, summary.md and feedback/ "
               f"for {len(merged.records)} students" + (f", and {out}/{ROSTER_OUTPUT}." if roster is not None else "."))


def _cluster_errors(cluster: str | None) -> tuple:
    """With --cluster: the errors that end a cluster run (Dask is there, or it is said how to install it)."""
    if not cluster:
        return ()
    from grader.classroom.cluster import INSTALL_HINT, ClusterError, available

    if not available():
        raise BadInput(INSTALL_HINT)
    return (ClusterError,)


def _cluster_stopped(error, saved: int, out: Path) -> None:
    from grader.classroom.cluster import ClusterLost

    kept = f"{saved} results are saved in {out}/results"
    if isinstance(error, ClusterLost):
        click.echo("", err=True)
        click.echo(_fitted(f"{error}: {kept}; run again with --resume to continue (once a scheduler answers)."),
                   err=True)
        sys.exit(EXIT_FAILED)
    raise BadInput(f"{error}" + (f" ({kept})" if saved else ""))


def _parse_shard(value: str | None):
    from grader.classroom.shards import ShardError, parse_shard

    try:
        return None if value is None else parse_shard(value)
    except ShardError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None


def _shard_part(students, shard, only: tuple[str, ...]):
    """This shard's students; an --only name of another part is said before OUT is touched."""
    from grader.classroom.shards import select, shard_of

    part = select(students, shard)
    ids = {s.id for s in part}
    for name in only:
        if name not in ids and any(s.id == name for s in students):
            raise BadInput(f"--only {name}: {name} is in shard {shard_of(name, shard.count)}/{shard.count}, "
                           f"not in {shard}")
    click.echo(f"Shard {shard}: {len(part)} of the {len(students)} students.", err=True)
    return part


def _write_shard_manifest(out: Path, shard, class_ids: list[str], part, course: Course,
                          exercises: list[str]) -> None:
    from grader.classroom.batch import course_fingerprint
    from grader.classroom.shards import write_manifest

    write_manifest(out, shard, class_ids, [s.id for s in part], course_fingerprint(course, exercises), exercises,
                   course.title)


def run() -> None:
    """The `grade` console script: `main`, then an exit that skips tearing torch down
    (~0.4 s of every `grade ex3`) once everything is written."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if "torch" not in sys.modules:
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (`grade all | head`): nothing more can be said
    os._exit(code or 0)


if __name__ == "__main__":
    run()
