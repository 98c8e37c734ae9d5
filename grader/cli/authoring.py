"""An instructor's authoring commands: `grade release` (the student release), `grade new`
(scaffold an exercise), `grade stub` (the stub made from the reference's solution markers),
`grade gradescope` (the autograder bundle) and `grade verify` (course CI: references, stubs and
mutation testing), with verify's tables and the [[equivalent]] blocks it hands back.

They need the reference solutions, so a student release leaves them out of `grade --help`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from grader.cli.common import (COURSE_OPTION, EXIT_FAILED, EXIT_OK, BadInput, current_course, fitted, fitted_table,
                               say, say_path, text_width)
from grader.grading.course import Course, CourseError
from grader.remote.launcher import LaunchError, Zygote


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def release(out):
    """Build the student release in OUT: grader, stubs, public checks; no answers.

    Leaves out reference/, hidden checks and misconception catalogs. Public checks get
    the reference's answers from fixtures recorded now (seeded inputs).
    """
    from grader.authoring.release import build_release

    course = current_course()
    if course.is_release:
        raise BadInput("this is already a student release")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BadInput(f"{out} exists and is not empty: give a new or empty folder (nothing was written)")
    try:
        names = build_release(course, out)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    say(f"Wrote the student release of {', '.join(names)} to {out}/\n"
        f"Students: pip install torch==2.13.0 && pip install {out} && grade init\n"
        f"(or hand out its wheel: pip wheel --no-deps {out} -w dist)")


@click.command()
@click.argument("name")
@click.option("--title", help="The exercise's title (default: \"Exercise NAME\").")
def new(name, title):
    """Scaffold exercise NAME in your course folder: reference, stub, checks, catalog.

    Writes into the course named by --course, else the nearest folder at or above this one
    holding a course.toml, and says which; never into the course that came with the
    installed grader. Writes reference/NAME.py (the one source: its # BEGIN SOLUTION blocks
    make the stub), student_template/NAME.py (the stub made from it) and assignments/NAME/
    (exercise.toml, checks.py with a sample check, misconceptions.py with one entry,
    equivalent_mutants.toml), and adds NAME to course.toml's order. `grade verify -e NAME`
    passes at once; then replace the sample function with your own. Never overwrites a file.
    """
    from grader.authoring.scaffold import ScaffoldError, course_to_write, scaffold_exercise

    try:
        course = Course(course_to_write(click.get_current_context().meta.get(COURSE_OPTION), Path.cwd()))
    except (ScaffoldError, CourseError) as exc:
        raise BadInput(str(exc)) from None
    if course.is_release:
        raise BadInput("a student release has no reference solutions: run grade new in the instructor's "
                       "course folder")
    try:
        written = scaffold_exercise(course.root, name, title)
    except (ScaffoldError, OSError) as exc:
        raise BadInput(str(exc)) from None
    from grader.core import trust

    trust.trust(course.root)  # you are writing it: `grade verify` inside it needs no --course from now on
    click.echo(fitted(f"In the course {course.title!r}, folder:"))
    say_path(f"  {course.root}")
    for path in written:
        say(f"wrote {path.relative_to(course.root)}")
    click.echo()
    click.echo(fitted(f"Next: grade verify -e {name}    (passes as written; then make {name} your own: "
                      f"reference/{name}.py is its one source, `grade stub {name}` writes the stub from it; "
                      "read `grade docs authoring`)"))


@click.command()
@click.argument("name")
@click.option("--print", "to_stdout", is_flag=True, help="Print the stub instead of writing it.")
def stub(name, to_stdout):
    """Write student_template/NAME.py: the stub made from reference/NAME.py.

    Each block of the reference between these two lines becomes `raise NotImplementedError`
    (a block at module level is left out):

    \b
        # BEGIN SOLUTION
        # END SOLUTION

    Everything else, the docstrings that instruct the student included, is kept as it is.
    Run it after editing the reference: grade verify fails while the stub file differs, and
    grade release ships the stub made from the reference. A reference without markers has a
    stub written by hand, which this leaves alone.
    """
    from grader.authoring.stubgen import generated_stub, stub_path, write_stub

    course = current_course()
    if course.is_release:
        raise BadInput("a student release has no reference solutions to make a stub from")
    try:
        exercise = course.exercise(name)
        made = generated_stub(course, exercise)
        if made is not None and to_stdout:
            click.echo(made, nl=False)
            return
        changed = None if made is None else write_stub(course, exercise)
    except (CourseError, OSError) as exc:
        raise BadInput(str(exc)) from None
    if changed is None:
        raise BadInput(f"reference/{exercise.filename} has no # BEGIN SOLUTION / # END SOLUTION markers: its stub "
                       f"student_template/{exercise.filename} is written by hand (nothing written)")
    path = stub_path(course, exercise).relative_to(course.root)
    say(f"wrote {path}" if changed else f"{path} is already the stub reference/{exercise.filename} makes")


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def gradescope(out):
    """Build a Gradescope autograder bundle (setup.sh, run_autograder, the grader) as OUT.zip.

    Upload it as the assignment's autograder. Each submission is graded with every
    exercise; hidden checks are shown to students after grades are published.
    """
    from grader.classroom.gradescope import build_bundle

    course = current_course()
    names = build_bundle(course, out)
    say(f"Wrote {out} ({len(names)} files): upload it in Gradescope as the autograder (zip).")


@click.command()
@click.option("--exercise", "-e", "names", multiple=True, metavar="NAME", help="Only these exercises.")
@click.option("--no-attacks", "no_attacks", is_flag=True,
              help="Skip the attack-class mutants (thresholds, changed inputs, kept state, global state, numpy, "
                   "training shortcuts).")
@click.option("--no-auto-mutants", "no_auto_mutants", is_flag=True,
              help="Skip the automatic mutants (operators applied to each reference); the catalog's still run.")
def verify(names, no_auto_mutants, no_attacks):
    """Course CI: every reference earns full marks, every stub zero, twice identically.

    Before grading, the files must agree: exercise.toml's `functions` names what the stub
    and the reference define (and every function the stub leaves to the student), and a
    stub made from the reference's solution markers must be the stub file (grade stub NAME
    writes it).

    \b
    Then mutation testing:
      catalog mutants    every misconception in assignments/<ex>/misconceptions.py must
                         lose points and be named in the feedback
      automatic mutants  small edits of reference/<ex>.py (swapped operators, dropped
                         transposes, off-by-one constants, in-place variants, ...) must
                         lose points, or be listed with the reason they are equivalent in
                         assignments/<ex>/equivalent_mutants.toml (verify prints each
                         survivor's [[equivalent]] block to paste there; a reason still
                         saying TODO fails)
      attack classes     each contract function wrapped to misbehave the way outsiders'
                         wrong work did (only past a size, step count, learning rate or
                         magnitude; changing its inputs; keeping state between calls;
                         leaving torch's settings changed; importing numpy; skipping
                         zero_grad, decaying the learning rate, clipping): killed or listed
                         with a reason, like automatic mutants
    """
    course = current_course()
    if course.is_release:
        raise BadInput("grade verify checks the course against its reference solutions, which a "
                       "student release does not contain: run it in the instructor's repository.")
    zygote = Zygote().start()
    from grader.authoring.mutation import run_attack_mutation_tests, run_auto_mutation_tests, run_mutation_tests
    from grader.authoring.verify import verify_course
    from grader.grading.runner import SuiteError

    try:
        exercises = [course.exercise(n) for n in names] or course.exercises
        rows, mutation, automatic, attacks = [], [], [], []
        with zygote:
            for number, exercise in enumerate(exercises, 1):
                _progress(f"verify: {exercise.name} ({number} of {len(exercises)}): references and stubs")
                rows += verify_course(course, zygote, [exercise])
                # An exercise whose files disagree with its exercise.toml is not graded: nor are its mutants.
                if not rows[-1].graded:
                    continue
                _progress(f"verify: {exercise.name} ({number} of {len(exercises)}): mutants")
                mutation += run_mutation_tests(course, zygote, [exercise])
                automatic += [] if no_auto_mutants else run_auto_mutation_tests(course, zygote, [exercise])
                attacks += [] if no_attacks else run_attack_mutation_tests(course, zygote, [exercise])
        _progress("")
    except (CourseError, SuiteError, LaunchError) as exc:
        raise click.ClickException(str(exc)) from None
    table = [[r.exercise, r.reference, r.template, "yes" if r.deterministic else "NO",
              "ok" if not r.problems else "\n".join(r.problems)] for r in rows]
    click.echo(fitted_table(table, ["exercise", "reference", "stub", "deterministic", "result"],
                            caps=[None, None, None, None, 70]))
    failed = [r for r in rows if r.problems]
    say(f"verify: {len(rows) - len(failed)} of {len(rows)} exercises consistent\n")
    _echo_catalog_mutants(mutation)
    if not no_auto_mutants:
        click.echo()
        _echo_automatic_mutants(automatic)
    if not no_attacks:
        click.echo()
        _echo_automatic_mutants(attacks, kind="attack-class")
    mutation_failed = [m for m in mutation if m.problems] + [a for a in automatic + attacks if a.failed]
    sys.exit(EXIT_FAILED if failed or mutation_failed else EXIT_OK)


def _progress(text: str) -> None:
    """Where a long verify is, on one line of the terminal rewritten in place (never in a pipe or
    a file: their readers want only the result)."""
    if sys.stderr.isatty():
        width = max(20, shutil.get_terminal_size().columns - 1)
        click.echo("\r" + text[:width].ljust(width) + ("\r" if not text else ""), err=True, nl=False)


def _echo_catalog_mutants(mutation) -> None:
    say("Mutation testing (each catalog misconception applied to the reference):")
    table = [[m.exercise, m.mutants, m.killed, m.named, "ok" if not m.problems else "\n".join(m.problems)]
             for m in mutation]
    click.echo(fitted_table(table, ["exercise", "mutants", "killed", "named", "result"],
                            caps=[None, None, None, None, 70]))
    total = sum(m.mutants for m in mutation)
    caught = sum(m.named for m in mutation)
    score = 100 * caught / total if total else 100
    say(f"catalog mutation score: {score:.0f}% ({caught} of {total} killed and named)")


def _echo_automatic_mutants(rows, kind: str = "automatic") -> None:
    from grader.authoring.mutation_paste import paste_text

    what = "operators applied to the reference" if kind == "automatic" else \
        "each contract function made wrong the way outsiders' work was"
    click.echo(fitted(f"{kind.capitalize()} mutants ({what}; a survivor needs a check that kills it, "
                      "or an entry with its reason in assignments/<ex>/equivalent_mutants.toml):"))
    table = [[a.exercise, a.mutants, a.killed, a.equivalent, len(a.known_holes), len(a.survivors), f"{a.seconds:.1f}",
              "FAILED (below)" if a.failed else "ok"] for a in rows]
    click.echo(fitted_table(table, ["exercise", "mutants", "killed", "equiv.", "known holes", "survived", "seconds",
                                    "result"]))
    for a in rows:  # stale or TODO entries and unjudged mutants, one line each
        for line in a.findings:
            say(f"{a.exercise}: {line}")
    total, killed = sum(a.mutants for a in rows), sum(a.killed for a in rows)
    equivalent, survived = sum(a.equivalent for a in rows), sum(len(a.survivors) for a in rows)
    holes = sum(len(a.known_holes) for a in rows)
    # The usual mutation score: equivalent mutants cannot be killed, so they are not counted.
    score = 100 * killed / (total - equivalent) if total > equivalent else 100
    unjudged = sum(len(a.problems) for a in rows)
    say(f"{kind} mutation score: {score:.0f}% ({killed} killed, {equivalent} justified as equivalent, "
        + (f"{holes} known holes, " if holes else "")
        + f"{survived} survived, " + (f"{unjudged} not judged, " if unjudged else "") + f"of {total})")
    for a in rows:  # each survivor's [[equivalent]] block, ready to paste into the exercise's file
        if a.survivors:
            click.echo("\n" + paste_text(a.exercise, a.survivors, width=text_width()), nl=False)
